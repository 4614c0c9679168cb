namespace MentorCloud.Infrastructure.Roster;

/// <summary>Limits on roster uploads (<c>Roster:*</c>).</summary>
public sealed class RosterOptions
{
    public const string Section = "Roster";

    /// <summary>The largest file accepted; larger uploads answer 413 before anything is parsed.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most data rows one sheet may hold, so a small compressed workbook cannot unfold into millions of rows.</summary>
    public int MaxRowsPerSheet { get; set; } = 20_000;

    /// <summary>The most a workbook may unpack to, all entries together, as its zip directory declares.</summary>
    public long MaxUnpackedBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>The highest unpacked-to-packed ratio of any entry over 1 MiB; a real workbook stays far below.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>The most entries a workbook may have; a real one has a few dozen.</summary>
    public int MaxZipEntries { get; set; } = 1000;
}
