namespace MentorCloud.Application.Roster.Commands.ImportRoster;

/// <summary>A cell or row the import refused: the sheet as named in the file, the spreadsheet row (header = 1) and the column key.</summary>
public sealed record RosterRowError(string Sheet, int Row, string Field, string Message);

public sealed record RosterCounts(int Created, int Updated);

/// <summary>
/// What an import did, or on a dry run would do: rows created and updated in total and per sheet, and every
/// error (the first <see cref="MaxReportedErrors"/> of <c>errorCount</c>). Nothing is written when there is an error.
/// </summary>
public sealed record RosterImportResult(
    bool DryRun,
    int Created,
    int Updated,
    RosterCounts Teachers,
    RosterCounts Classes,
    RosterCounts Students,
    int ErrorCount,
    IReadOnlyList<RosterRowError> Errors)
{
    public const int MaxReportedErrors = 1000;

    /// <summary>True when the rows were written: not a dry run, and no row failed.</summary>
    public bool Imported => !DryRun && ErrorCount == 0;
}

/// <summary>A roster file was imported: the fact behind the audit entry, with the counts of what changed.</summary>
public sealed record RosterImported(string File, RosterCounts Teachers, RosterCounts Classes, RosterCounts Students) : Domain.Common.DomainEvent<RosterImported>;
