using BenchmarkDotNet.Running;
using MentorCloud.Benchmarks;

if (args is ["import", .. var options]) return await ImportMeasurement.RunAsync(options);

BenchmarkSwitcher.FromAssembly(typeof(RosterImportBenchmarks).Assembly).Run(args);
return 0;
