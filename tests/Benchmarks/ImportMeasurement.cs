using System.Diagnostics;
using System.Globalization;
using MentorCloud.Application.Roster.Commands.ImportRoster;

namespace MentorCloud.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- import [--students N] [--logins N] [--runs N]</c>: times one import into an
/// empty school, a re-import of the same file and a dry run, with the bytes allocated and the peak memory of each.
/// </summary>
internal static class ImportMeasurement
{
    private const int Teachers = 300;
    private const int Classes = 120;

    public static async Task<int> RunAsync(string[] args)
    {
        var students = Option(args, "--students", 5000);
        var logins = Option(args, "--logins", 0);
        var runs = Option(args, "--runs", 3);
        var workbook = RosterWorkbook.Create(Teachers, Classes, students, logins);
        Console.WriteLine(Invariant($"Workbook: {Teachers} teachers ({logins} with a login), {Classes} classes, {students} students; {workbook.Length / 1024.0:F0} KiB"));
        Console.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformationText()}"));

        // One small import first so JIT and EF model building are not counted in the runs.
        await using (var warmUp = await RosterImportHarness.CreateAsync())
            await warmUp.ImportAsync(RosterWorkbook.Create(10, 5, 50));

        Console.WriteLine();
        Console.WriteLine("| run | step | rows created / updated | elapsed ms | allocated MB | peak managed heap MB | peak working set MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var failures = 0;
        for (var run = 1; run <= runs; run++)
        {
            await using var harness = await RosterImportHarness.CreateAsync();
            failures += Report(run, "import into an empty school", await MeasureAsync(() => harness.ImportAsync(workbook)));
            failures += Report(run, "re-import (all updates)", await MeasureAsync(() => harness.ImportAsync(workbook)));
            failures += Report(run, "dry run", await MeasureAsync(() => harness.ImportAsync(workbook, dryRun: true)));
        }
        Console.WriteLine();
        Console.WriteLine(Invariant($"Process peak working set over the whole run: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB"));
        return failures == 0 ? 0 : 1;
    }

    private static int Report(int run, string step, Measurement m)
    {
        Console.WriteLine(Invariant(
            $"| {run} | {step} | {m.Result.Created} / {m.Result.Updated} | {m.Elapsed.TotalMilliseconds:F0} | {m.Allocated / 1048576.0:F0} | {m.PeakHeap / 1048576.0:F0} | {m.PeakWorkingSet / 1048576.0:F0} |"));
        if (m.Result.ErrorCount == 0) return 0;
        Console.WriteLine(Invariant($"  {m.Result.ErrorCount} errors, first: {m.Result.Errors[0]}"));
        return 1;
    }

    private static async Task<Measurement> MeasureAsync(Func<Task<RosterImportResult>> import)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var sampler = new PeakSampler();
        var watch = Stopwatch.StartNew();
        var result = await import();
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var (heap, workingSet) = await sampler.StopAsync();
        return new Measurement(result, watch.Elapsed, allocated, heap, workingSet);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Measurement(RosterImportResult Result, TimeSpan Elapsed, long Allocated, long PeakHeap, long PeakWorkingSet);

    /// <summary>Samples the managed heap and the working set every few milliseconds while an import runs.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<(long Heap, long WorkingSet)> _sampling;

        public PeakSampler() => _sampling = Task.Run(SampleAsync);

        public async Task<(long Heap, long WorkingSet)> StopAsync()
        {
            await _stop.CancelAsync();
            return await _sampling;
        }

        private async Task<(long Heap, long WorkingSet)> SampleAsync()
        {
            long heap = 0, workingSet = 0;
            while (!_stop.IsCancellationRequested)
            {
                heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
                workingSet = Math.Max(workingSet, Environment.WorkingSet);
                await Task.Delay(5, CancellationToken.None);
            }
            return (heap, workingSet);
        }

        public void Dispose() => _stop.Dispose();
    }
}
