using BenchmarkDotNet.Running;
using MentorCloud.Benchmarks;

if (args is ["import", .. var options]) return await ImportMeasurement.RunAsync(options);
if (args is ["rollup", .. var rollupOptions]) return await RollupMeasurement.RunAsync(rollupOptions);
if (args is ["request-alloc", .. var allocOptions]) return await RequestAllocation.RunAsync(allocOptions);

BenchmarkSwitcher.FromAssembly(typeof(RosterImportBenchmarks).Assembly).Run(args);
return 0;
