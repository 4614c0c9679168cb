using System.Globalization;
using System.IO.Compression;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Roster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace MentorCloud.Infrastructure.Roster;

/// <summary>
/// Streams roster sheets out of an .xlsx workbook (MiniExcel, one sheet at a time) or a .csv file, finds each
/// sheet's header row and hands out the data rows keyed by column. A file that cannot be read is a 400 on "file".
/// </summary>
public sealed class RosterFileReader(IOptions<RosterOptions> options, ILogger<RosterFileReader> logger) : IRosterFileReader
{
    /// <summary>Rows above the header that may hold a title such as "2026学年学生名单".</summary>
    private const int MaxRowsBeforeHeader = 5;

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    public IEnumerable<RosterSheet> ReadSheets(RosterUpload upload, RosterSheetKind? kind, CancellationToken cancellationToken)
    {
        if (!RosterLayout.IsCsv(upload.FileName)) return ReadWorkbook(upload.Content, kind, cancellationToken);
        var csvKind = kind ?? throw ValidationException.For("kind", RosterMessages.KindRequired);
        return [ReadCsv(upload.Content, csvKind, cancellationToken)];
    }

    private IEnumerable<RosterSheet> ReadWorkbook(Stream content, RosterSheetKind? kind, CancellationToken cancellationToken)
    {
        if (!StartsWith(content, ZipSignature)) throw Unreadable(null);
        RefuseZipBomb(content);
        var names = Guarded(() =>
        {
            content.Position = 0;
            return MiniExcel.GetSheetNames(content);
        });

        var chosen = new List<(RosterSheetLayout Layout, string Name)>();
        foreach (var layout in RosterLayout.All.Where(l => kind is null || l.Kind == kind))
        {
            // A workbook of a single sheet that names no other kind ("Sheet1") holds the kind asked for.
            var name = names.FirstOrDefault(layout.IsNamed)
                       ?? (kind is not null && names is [var only] && RosterLayout.ForSheet(only) is null ? only : null);
            if (name is not null) chosen.Add((layout, name));
        }
        if (chosen.Count == 0) throw ValidationException.For("file", RosterMessages.NoRosterSheets);

        // A sheet whose rows the importer skips is closed here, before the next one is opened on the same stream.
        var opened = new List<IDisposable>();
        try
        {
            foreach (var (layout, name) in chosen)
            {
                opened.ForEach(o => o.Dispose());
                yield return ReadSheet(layout, name, WorkbookRows(content, name), opened, cancellationToken);
            }
        }
        finally
        {
            opened.ForEach(o => o.Dispose());
        }
    }

    private static IEnumerable<RawRow> WorkbookRows(Stream content, string sheetName)
    {
        var number = 0;
        // MiniExcel yields a row for every spreadsheet row from 1 on, blank ones included, so counting gives the row number.
        foreach (IDictionary<string, object?> row in MiniExcel.Query(content, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX))
            yield return new RawRow(++number, row);
    }

    private RosterSheet ReadCsv(Stream content, RosterSheetKind kind, CancellationToken cancellationToken)
    {
        var layout = RosterLayout.For(kind);
        if (ContainsNul(content)) throw Unreadable(null);
        var encoding = CsvRecords.DetectEncoding(content);
        var separator = CsvRecords.DetectSeparator(content, encoding);
        content.Position = 0;
        return ReadSheet(layout, layout.Name, CsvRecords.Read(content, encoding, separator), [], cancellationToken);
    }

    private RosterSheet ReadSheet(RosterSheetLayout layout, string name, IEnumerable<RawRow> rows, List<IDisposable> opened, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRowsPerSheet;
        var cursor = Guarded(rows).GetEnumerator();
        opened.Add(cursor);
        var firstContentRow = 0;
        var rowsSeen = 0;
        var rowsRead = 0;
        while (cursor.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Blank rows above the header count too: a sheet of nothing but blank rows is still read row by row.
            if (++rowsRead > limit) throw ValidationException.For("file", RosterMessages.TooManyRows(limit));
            var row = cursor.Current;
            var texts = row.Cells.Select(c => (c.Key, Text: Text(c.Value))).Where(c => c.Text is not null).ToList();
            if (texts.Count == 0) continue;
            if (firstContentRow == 0) firstContentRow = row.Number;

            var columns = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (cell, text) in texts)
            {
                if (layout.ColumnFor(text) is { } column && !columns.ContainsValue(column.Key))
                    columns[cell] = column.Key;
            }
            if (columns.Count > 0)
                return new RosterSheet(layout.Kind, name, row.Number, columns.Values.ToHashSet(StringComparer.Ordinal), DataRows(cursor, columns, cancellationToken));
            if (++rowsSeen == MaxRowsBeforeHeader) break;
        }

        cursor.Dispose();
        // No header: the importer reports the missing columns at the first row with content.
        return new RosterSheet(layout.Kind, name, firstContentRow, new HashSet<string>(), []);
    }

    private IEnumerable<RosterRow> DataRows(IEnumerator<RawRow> cursor, Dictionary<string, string> columns, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRowsPerSheet;
        var count = 0;
        using (cursor)
        {
            while (cursor.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Every row read counts, blank ones and those with cells only in unknown columns too: they cost as much to read.
                if (++count > limit) throw ValidationException.For("file", RosterMessages.TooManyRows(limit));
                var cells = new Dictionary<string, string>(columns.Count, StringComparer.Ordinal);
                foreach (var (cell, value) in cursor.Current.Cells)
                {
                    if (columns.TryGetValue(cell, out var key) && Text(value) is { } text) cells[key] = text;
                }
                if (cells.Count == 0) continue;
                yield return new RosterRow(cursor.Current.Number, cells);
            }
        }
    }

    /// <summary>A cell as the text a person reads in it: numbers without ".0" or exponent, dates as yyyy-MM-dd.</summary>
    internal static string? Text(object? value) => value switch
    {
        null => null,
        string s => s.Trim() is { Length: > 0 } trimmed ? trimmed : null,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        DateTime { TimeOfDay.Ticks: 0 } date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() is { Length: > 0 } text ? text : null,
    };

    private IEnumerable<T> Guarded<T>(IEnumerable<T> source)
    {
        using var enumerator = Guarded(source.GetEnumerator);
        while (Guarded(enumerator.MoveNext)) yield return enumerator.Current;
    }

    private T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ValidationException))
        {
            throw Unreadable(ex);
        }
    }

    private ValidationException Unreadable(Exception? cause)
    {
        if (cause is not null) logger.LogInformation(cause, "An uploaded roster file could not be read");
        return ValidationException.For("file", RosterMessages.FileUnreadable);
    }

    /// <summary>
    /// Reads only the zip's central directory, before any entry is unpacked: too many entries, too much in all, or an
    /// entry packed far better than real spreadsheet data is refused with 413. A directory that cannot be read is a 400.
    /// </summary>
    private void RefuseZipBomb(Stream content)
    {
        var limits = options.Value;
        content.Position = 0;
        try
        {
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > limits.MaxZipEntries) throw new PayloadTooLargeException(RosterMessages.UnpackedTooLarge);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxUnpackedBytes
                    || (entry.Length > RatioCheckedFromBytes && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1)))
                    throw new PayloadTooLargeException(RosterMessages.UnpackedTooLarge);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
        {
            throw Unreadable(ex);
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>Small entries may pack well (a sheet of one repeated value) without harm; the ratio matters for large ones.</summary>
    private const long RatioCheckedFromBytes = 1024 * 1024;

    private static bool StartsWith(Stream content, byte[] signature)
    {
        content.Position = 0;
        Span<byte> start = stackalloc byte[signature.Length];
        var read = content.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        content.Position = 0;
        return read == signature.Length && start.SequenceEqual(signature);
    }

    /// <summary>Binary files renamed .csv hold NUL bytes early on; text in UTF-8 or GB18030 never does.</summary>
    private static bool ContainsNul(Stream content)
    {
        content.Position = 0;
        Span<byte> start = stackalloc byte[4096];
        var read = content.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var utf16 = read >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));
        return !utf16 && start[..read].Contains((byte)0);
    }
}

/// <summary>A spreadsheet row as read: its number and its cells by column id (a letter in a workbook, an index in a CSV file).</summary>
internal sealed record RawRow(int Number, IEnumerable<KeyValuePair<string, object?>> Cells);
