namespace MentorCloud.Application.Roster;

/// <summary>An uploaded roster file. <paramref name="Content"/> must be seekable: a workbook is opened once per sheet.</summary>
public sealed record RosterUpload(string FileName, long Length, Stream Content);

/// <summary>
/// One sheet of a roster file. <paramref name="HeaderRow"/> is the spreadsheet row of the header (0 when the sheet
/// is empty); <paramref name="Columns"/> the keys of the columns it has; <paramref name="Rows"/> streams the data
/// rows once, and must be read to the end before the next sheet is asked for.
/// </summary>
public sealed record RosterSheet(RosterSheetKind Kind, string Name, int HeaderRow, IReadOnlySet<string> Columns, IEnumerable<RosterRow> Rows);

/// <summary>A non-blank data row: its spreadsheet row number and its non-blank cells by column key, as trimmed text.</summary>
public sealed record RosterRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string? this[string key] => Cells.GetValueOrDefault(key);
}

/// <summary>Reads the sheets of an uploaded .xlsx workbook or .csv file.</summary>
public interface IRosterFileReader
{
    /// <summary>
    /// The sheets to import, in import order (teachers, classes, students): only <paramref name="kind"/> when it is
    /// given (a CSV file always needs it). Sheets are opened lazily, one at a time.
    /// </summary>
    /// <exception cref="Common.Exceptions.ValidationException">The file is not a readable workbook or CSV file, names none of the sheets, or is too long.</exception>
    /// <exception cref="Common.Exceptions.PayloadTooLargeException">The workbook would unpack to more than is accepted (a zip bomb).</exception>
    IEnumerable<RosterSheet> ReadSheets(RosterUpload upload, RosterSheetKind? kind, CancellationToken cancellationToken);
}

/// <summary>Writes the roster template: a workbook with the three sheets, their headers and one example row each.</summary>
public interface IRosterTemplateWriter
{
    byte[] WriteTemplate();
}
