using MentorCloud.Domain.Common;
using MentorCloud.Domain.Semesters;

namespace MentorCloud.Domain.Reports;

/// <summary>Who handed in a monthly report: the student's own account, or a guardian's on the student's behalf.</summary>
public enum ReportSubmitterRole
{
    Student,
    Guardian,
}

/// <summary>
/// A student's monthly report (学生每月汇报, R9): one per student per calendar month, for a month that lies in a
/// semester of the school and has begun. The student's current mentors comment on it.
/// </summary>
public sealed class MonthlyReport : AggregateRoot, ITenantOwned
{
    public const int MaxContentLength = 4000;
    public const int MaxCommentLength = 1000;

    private readonly List<MonthlyReportComment> _comments = [];

    private MonthlyReport(Guid id) : base(id) { }

    private MonthlyReport(Guid studentId, Guid semesterId, DateOnly month, string content, Guid? submittedByUserId, ReportSubmitterRole submittedByRole,
        DateTimeOffset submittedAt)
    {
        StudentId = studentId;
        SemesterId = semesterId;
        Month = month;
        Content = content;
        SubmittedByUserId = submittedByUserId;
        SubmittedByRole = submittedByRole;
        SubmittedAt = submittedAt;
        Raise(new MonthlyReportSubmitted(Id, studentId, semesterId, month));
    }

    public Guid StudentId { get; private set; }

    /// <summary>The semester the month counts for (R9).</summary>
    public Guid SemesterId { get; private set; }

    /// <summary>The first day of the calendar month reported on.</summary>
    public DateOnly Month { get; private set; }

    public string Content { get; private set; } = null!;
    public DateTimeOffset SubmittedAt { get; private set; }
    public Guid? SubmittedByUserId { get; private set; }
    public ReportSubmitterRole SubmittedByRole { get; private set; }

    public IReadOnlyList<MonthlyReportComment> Comments => _comments.AsReadOnly();

    /// <summary>The first day of the month containing <paramref name="day"/>.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>
    /// The semester a month counts for: of the semesters with a day in the month, the one holding most of its days
    /// (the later one on a tie); null when the month lies in no semester.
    /// </summary>
    public static Semester? SemesterFor(DateOnly month, IEnumerable<Semester> semesters)
    {
        var first = MonthOf(month);
        var last = first.AddMonths(1).AddDays(-1);
        return semesters
            .Select(s => (Semester: s, Days: OverlapDays(s, first, last)))
            .Where(x => x.Days > 0)
            .OrderByDescending(x => x.Days)
            .ThenByDescending(x => x.Semester.StartsOn)
            .Select(x => x.Semester)
            .FirstOrDefault();
    }

    /// <summary>
    /// A student's report for <paramref name="month"/>. Refused (R9) for a month that has not begun on
    /// <paramref name="today"/> or that lies in none of <paramref name="semesters"/>. One per student and month is the
    /// caller's to check (and the unique index's).
    /// </summary>
    public static MonthlyReport Submit(Guid studentId, DateOnly month, string content, IEnumerable<Semester> semesters, Guid? submittedByUserId,
        ReportSubmitterRole submittedByRole, DateOnly today, DateTimeOffset at)
    {
        var first = MonthOf(month);
        if (first > MonthOf(today))
            throw new RuleViolationException("R9", new("月度汇报须在当月开始后提交。", "A monthly report is handed in once its month has begun."), new { month = first.ToString("yyyy-MM") });
        var semester = SemesterFor(first, semesters)
            ?? throw new RuleViolationException("R9", new("该月份不在本校任何学期内。", "The month lies in no semester of the school."), new { month = first.ToString("yyyy-MM") });
        return new MonthlyReport(studentId, semester.Id, first, RequireText(content, nameof(content), MaxContentLength), submittedByUserId, submittedByRole, at);
    }

    /// <summary>A mentor's comment; the caller has checked that the teacher mentors the student now (R16).</summary>
    public MonthlyReportComment Comment(Guid teacherId, string text, DateTimeOffset at)
    {
        var comment = new MonthlyReportComment(Id, teacherId, RequireText(text, nameof(text), MaxCommentLength), at);
        _comments.Add(comment);
        Raise(new MonthlyReportCommented(Id, StudentId, comment.Id));
        return comment;
    }

    private static int OverlapDays(Semester semester, DateOnly first, DateOnly last)
    {
        var start = semester.StartsOn > first ? semester.StartsOn : first;
        var end = semester.EndsOn < last ? semester.EndsOn : last;
        return end < start ? 0 : end.DayNumber - start.DayNumber + 1;
    }

    private static string RequireText(string? text, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainValidationException(field, new("内容不能为空。", "The text is empty."));
        var trimmed = text.Trim();
        return trimmed.Length > maxLength ? throw new DomainValidationException(field, new($"内容不能超过 {maxLength} 个字符。", $"The text is longer than {maxLength} characters.")) : trimmed;
    }
}

/// <summary>A mentor's comment on a monthly report.</summary>
public sealed class MonthlyReportComment : Entity, ITenantOwned
{
    private MonthlyReportComment(Guid id) : base(id) { }

    internal MonthlyReportComment(Guid reportId, Guid authorTeacherId, string text, DateTimeOffset at)
    {
        ReportId = reportId;
        AuthorTeacherId = authorTeacherId;
        Text = text;
        At = at;
    }

    public Guid ReportId { get; private set; }
    public Guid AuthorTeacherId { get; private set; }
    public string Text { get; private set; } = null!;
    public DateTimeOffset At { get; private set; }
}

public sealed record MonthlyReportSubmitted(Guid ReportId, Guid StudentId, Guid SemesterId, DateOnly Month) : DomainEvent<MonthlyReportSubmitted>;

public sealed record MonthlyReportCommented(Guid ReportId, Guid StudentId, Guid CommentId) : DomainEvent<MonthlyReportCommented>;
