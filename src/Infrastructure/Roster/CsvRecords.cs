using System.Buffers;
using System.Text;

namespace MentorCloud.Infrastructure.Roster;

/// <summary>
/// RFC 4180 CSV, read record by record. Each record carries the line it starts on, so row numbers match what a
/// spreadsheet shows even around blank lines and quoted line breaks; short rows simply lack their last cells.
/// </summary>
internal static class CsvRecords
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly char[] Separators = [',', ';', '\t'];

    static CsvRecords() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030: what Excel on Chinese Windows saves as "CSV".</summary>
    public static Encoding DetectEncoding(Stream content)
    {
        content.Position = 0;
        var decoder = StrictUtf8.GetDecoder();
        var bytes = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var chars = ArrayPool<char>.Shared.Rent(64 * 1024 + 8);
        try
        {
            int read;
            while ((read = content.Read(bytes, 0, 64 * 1024)) > 0)
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The separator the first line uses most: ',' as Excel writes, ';' or a tab as some locales and tools do.</summary>
    public static char DetectSeparator(Stream content, Encoding encoding)
    {
        content.Position = 0;
        using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var first = reader.ReadLine() ?? "";
        return Separators.MaxBy(s => first.Count(c => c == s));
    }

    public static IEnumerable<RawRow> Read(Stream content, Encoding encoding, char separator)
    {
        content.Position = 0;
        using var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var fields = new List<KeyValuePair<string, object?>>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"') field.Append((char)reader.Read());
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }

            if (c == '"' && !fieldStarted)
            {
                quoted = fieldStarted = true;
            }
            else if (c == separator)
            {
                fields.Add(Cell(fields.Count, field));
                fieldStarted = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                fields.Add(Cell(fields.Count, field));
                yield return new RawRow(recordLine, fields);
                fields = [];
                fieldStarted = false;
                recordLine = ++line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }
        if (field.Length > 0 || fields.Count > 0 || fieldStarted)
        {
            fields.Add(Cell(fields.Count, field));
            yield return new RawRow(recordLine, fields);
        }
    }

    private static KeyValuePair<string, object?> Cell(int index, StringBuilder field)
    {
        var cell = new KeyValuePair<string, object?>(index.ToString(System.Globalization.CultureInfo.InvariantCulture), field.ToString());
        field.Clear();
        return cell;
    }
}
