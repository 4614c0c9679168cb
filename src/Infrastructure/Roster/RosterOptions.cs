namespace MentorCloud.Infrastructure.Roster;

/// <summary>Limits on roster uploads (<c>Roster:*</c>).</summary>
public sealed class RosterOptions
{
    public const string Section = "Roster";

    /// <summary>The largest file accepted; larger uploads answer 413 before anything is parsed.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most data rows one sheet may hold, so a small compressed workbook cannot unfold into millions of rows.</summary>
    public int MaxRowsPerSheet { get; set; } = 20_000;
}
