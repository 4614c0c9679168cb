using System.Globalization;
using System.Text;
using MentorCloud.Application.Districts.Statistics;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>CSV by hand (RFC 4180 quoting, invariant numbers, UTF-8 with BOM so spreadsheet programs read Chinese) and XLSX with MiniExcel.</summary>
public sealed class StatisticsFileWriter : IStatisticsFileWriter
{
    public byte[] WriteCsv(StatisticsTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(Quote)).Append("\r\n");
        foreach (var row in table.Rows) csv.AppendJoin(',', row.Select(v => Quote(Text(v)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public byte[] WriteXlsx(StatisticsTable table, string sheetName)
    {
        var rows = table.Rows.Select(row =>
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Count; i++) values[table.Columns[i]] = row[i];
            return values;
        }).ToList();
        using var stream = new MemoryStream();
        if (rows.Count == 0) rows.Add(table.Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { [sheetName] = rows }, configuration: new OpenXmlConfiguration { FastMode = true });
        return stream.ToArray();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
