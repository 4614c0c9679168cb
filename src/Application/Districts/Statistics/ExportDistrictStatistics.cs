using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Application.Roster;

namespace MentorCloud.Application.Districts.Statistics;

/// <summary>The district's rollup of a semester as a file: one row per school and a totals row, suppressed figures left empty.</summary>
[RequiresRole(Roles.DistrictAdmin)]
public sealed record ExportDistrictStatisticsQuery(string DistrictCode, string Format, string? Semester = null) : IQuery<StatisticsFile>;

public sealed record StatisticsFile(byte[] Content, string ContentType, string FileName);

/// <summary>A table of text and numbers (text already made safe for spreadsheets).</summary>
public sealed record StatisticsTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Writes a statistics table as CSV (UTF-8 with BOM, for spreadsheet programs) or XLSX.</summary>
public interface IStatisticsFileWriter
{
    byte[] WriteCsv(StatisticsTable table);

    byte[] WriteXlsx(StatisticsTable table, string sheetName);
}

public sealed class ExportDistrictStatisticsHandler(ICatalogDbContext catalog, ICurrentUser user, IStatisticsFileWriter writer)
    : IQueryHandler<ExportDistrictStatisticsQuery, StatisticsFile>
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async ValueTask<StatisticsFile> Handle(ExportDistrictStatisticsQuery query, CancellationToken cancellationToken)
    {
        var snapshots = await catalog.DistrictSnapshotsAsync(user, query.DistrictCode, cancellationToken);
        var report = DistrictStatisticsReport.Build(snapshots, query.Semester) ?? throw new NotFoundException("Semester", query.Semester!);
        var table = Table(snapshots, report);
        var name = $"statistics-{query.DistrictCode}-{FileSafe(report.Semester?.Label ?? "none")}";
        return query.Format == "xlsx"
            ? new StatisticsFile(writer.WriteXlsx(table, "statistics"), XlsxContentType, name + ".xlsx")
            : new StatisticsFile(writer.WriteCsv(table), CsvContentType, name + ".csv");
    }

    /// <summary>The columns: school, name, semester, as-of day, generated at, every figure by its name, and the suppressed figures.</summary>
    public static StatisticsTable Table(IReadOnlyCollection<SchoolSnapshot> snapshots, DistrictStatisticsDto report)
    {
        string[] columns = ["school", "name", "semester", "asOf", "generatedAt", .. DistrictStatisticsReport.Figures.Select(f => f.Name), "suppressedFigures"];
        var rows = new List<IReadOnlyList<object?>>();
        if (report.Semester is { } semester)
        {
            var ofSemester = snapshots.Where(s => s.Snapshot.SemesterLabel == semester.Label).OrderBy(s => s.School, StringComparer.Ordinal).ToList();
            foreach (var school in ofSemester)
            {
                var suppressed = DistrictStatisticsReport.SuppressedIn(school.Snapshot.Figures);
                rows.Add(Row(school.School, school.Name, semester.Label, school.Snapshot.AsOf.ToString("yyyy-MM-dd"), school.Snapshot.GeneratedAt,
                    DistrictStatisticsReport.Values(school.Snapshot.Figures, suppressed), suppressed));
            }
            var totals = report.Totals!;
            var sum = DistrictStatisticsReport.Sum([.. ofSemester.Select(s => s.Snapshot.Figures)]);
            rows.Add(Row("totals", "", semester.Label, "", report.GeneratedAt, DistrictStatisticsReport.Values(sum, totals.SuppressedFigures), totals.SuppressedFigures));
        }
        return new StatisticsTable(columns, rows);
    }

    private static object?[] Row(string school, string name, string semester, string asOf, DateTimeOffset? generatedAt,
        IReadOnlyDictionary<string, decimal?> values, IReadOnlyList<string> suppressed) =>
    [
        RosterValues.SafeForSpreadsheet(school), RosterValues.SafeForSpreadsheet(name), RosterValues.SafeForSpreadsheet(semester), asOf,
        generatedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        .. DistrictStatisticsReport.Figures.Select(f => (object?)values[f.Name]),
        string.Join(' ', suppressed),
    ];

    private static string FileSafe(string label) => new([.. label.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}

public sealed class ExportDistrictStatisticsValidator : AbstractValidator<ExportDistrictStatisticsQuery>
{
    public ExportDistrictStatisticsValidator()
    {
        RuleFor(q => q.DistrictCode).NotEmpty();
        RuleFor(q => q.Format).Must(f => f is "csv" or "xlsx").WithMessage(Messages.StatisticsFormat);
        RuleFor(q => q.Semester).NotEmpty().MaximumLength(100).When(q => q.Semester is not null);
    }
}
