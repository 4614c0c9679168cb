using System.Globalization;
using MentorCloud.Domain.Reports;

namespace MentorCloud.Application.Reports;

/// <summary>A monthly report with its mentors' comments; <c>month</c> is <c>yyyy-MM</c>.</summary>
public sealed record MonthlyReportDto(
    Guid Id,
    Guid StudentId,
    Guid SemesterId,
    string Month,
    string Content,
    DateTimeOffset SubmittedAt,
    ReportSubmitterRole SubmittedByRole,
    IReadOnlyList<MonthlyReportCommentDto> Comments)
{
    public static MonthlyReportDto From(MonthlyReport report, IReadOnlyDictionary<Guid, string> teacherNames) => new(
        report.Id, report.StudentId, report.SemesterId, ReportMonth.Format(report.Month), report.Content, report.SubmittedAt, report.SubmittedByRole,
        report.Comments.OrderBy(c => c.At).Select(c => MonthlyReportCommentDto.From(c, teacherNames)).ToList());
}

/// <summary>A mentor's comment, with the mentor's name.</summary>
public sealed record MonthlyReportCommentDto(Guid Id, Guid AuthorTeacherId, string? AuthorName, string Text, DateTimeOffset At)
{
    public static MonthlyReportCommentDto From(MonthlyReportComment comment, IReadOnlyDictionary<Guid, string> teacherNames) =>
        new(comment.Id, comment.AuthorTeacherId, teacherNames.GetValueOrDefault(comment.AuthorTeacherId), comment.Text, comment.At);
}

/// <summary>A monthly report in a list: without the comments, with how many there are.</summary>
public sealed record MonthlyReportSummaryDto(Guid Id, Guid StudentId, Guid SemesterId, string Month, string Content, DateTimeOffset SubmittedAt, int CommentCount);

/// <summary>The API's form of a month: <c>yyyy-MM</c>, stored as the month's first day.</summary>
public static class ReportMonth
{
    public const string Pattern = "yyyy-MM";

    public static string Format(DateOnly month) => month.ToString(Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && month.Year >= 2000;
}
