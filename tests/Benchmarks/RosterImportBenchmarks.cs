using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MentorCloud.Benchmarks;

/// <summary>
/// Importing a 5,000-student roster (plus 300 teachers and 120 classes) through the real handler: into an empty
/// school, again into the same school (all updates), and as a dry run. Each iteration is one import on its own
/// database, so the monitoring strategy measures single cold-ish runs rather than a hot loop.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortMonitoringConfig))]
public class RosterImportBenchmarks
{
    private byte[] _workbook = [];
    private RosterImportHarness? _harness;

    [GlobalSetup]
    public void CreateWorkbook() => _workbook = RosterWorkbook.Create();

    [IterationSetup(Targets = [nameof(ImportIntoEmptySchool), nameof(DryRunOnEmptySchool)])]
    public void FreshSchool() => _harness = RosterImportHarness.CreateAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(ReimportUnchanged))]
    public void SchoolWithTheRoster()
    {
        FreshSchool();
        _harness!.ImportAsync(_workbook).GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void DropSchool() => _harness!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Task ImportIntoEmptySchool() => _harness!.ImportAsync(_workbook);

    [Benchmark]
    public Task ReimportUnchanged() => _harness!.ImportAsync(_workbook);

    [Benchmark]
    public Task DryRunOnEmptySchool() => _harness!.ImportAsync(_workbook, dryRun: true);

    private sealed class ShortMonitoringConfig : ManualConfig
    {
        public ShortMonitoringConfig() =>
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
