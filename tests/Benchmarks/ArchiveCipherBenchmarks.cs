using BenchmarkDotNet.Attributes;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Encryption;
using Microsoft.Extensions.Options;

namespace MentorCloud.Benchmarks;

/// <summary>
/// Sealing and opening one archive section of about 2 KB (a family situation analysis of some 680 Chinese
/// characters, 2,040 bytes in UTF-8) for one school, with the school key already derived, as on a warm server.
/// An archive read opens three sections (family, health, psychology) and a write seals one.
/// </summary>
[MemoryDiagnoser]
public class ArchiveCipherBenchmarks
{
    private static readonly Guid School = Guid.Parse("0b4f8a52-3c1d-4e6f-9a70-1d2e3f405162");
    private const string Place = "student:5b1e0c52-8f43-4d7a-9d4e-0f7d2c1a9e11:family";

    private readonly ArchiveCipher _cipher = new(Options.Create(new EncryptionOptions
    {
        KeyRing = { ["k1"] = "tZ8I4YhnuO1FWa5939kIi+7VLQU8Nwkul7oh3aPEH0w=" },
    }));

    private string _section = "";
    private string _sealed = "";

    [GlobalSetup]
    public void Setup()
    {
        _section = string.Concat(Enumerable.Repeat("单亲家庭,由祖母抚养;父亲在外务工,每月通话一次,学习习惯有待改善。", 20))[..680];
        _sealed = _cipher.Encrypt(_section, School, Place);
    }

    [Benchmark(Baseline = true)]
    public ArchiveDecryption SealAndOpen() => _cipher.Decrypt(_cipher.Encrypt(_section, School, Place), School, Place);

    [Benchmark]
    public string Seal() => _cipher.Encrypt(_section, School, Place);

    [Benchmark]
    public ArchiveDecryption Open() => _cipher.Decrypt(_sealed, School, Place);
}
