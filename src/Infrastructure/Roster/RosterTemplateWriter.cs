using MentorCloud.Application.Roster;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace MentorCloud.Infrastructure.Roster;

/// <summary>The template is written once: it depends on nothing but the roster layout. Auto width, for readable Chinese headers, needs fast mode.</summary>
public sealed class RosterTemplateWriter : IRosterTemplateWriter
{
    private readonly Lazy<byte[]> _template = new(Write);

    public byte[] WriteTemplate() => (byte[])_template.Value.Clone();

    private static byte[] Write()
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var layout in RosterLayout.All)
        {
            var example = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var column in layout.Columns) example[column.TemplateHeader] = RosterValues.SafeForSpreadsheet(column.Example);
            sheets[layout.Name] = new[] { example };
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, configuration: new OpenXmlConfiguration { EnableAutoWidth = true, FastMode = true });
        return stream.ToArray();
    }
}
