using MentorCloud.Domain.Common;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Semesters;

namespace MentorCloud.Domain.UnitTests;

public sealed class MonthlyReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly Semester Autumn = new("2026 秋", new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20)));
    private static readonly Semester Spring = new("2027 春", new DateRange(new DateOnly(2027, 1, 28), new DateOnly(2027, 7, 10)));

    private static MonthlyReport Submit(DateOnly month, DateOnly? today = null, params Semester[] semesters) =>
        MonthlyReport.Submit(Guid.CreateVersion7(), month, "本月汇报", semesters.Length == 0 ? [Autumn, Spring] : semesters, Guid.CreateVersion7(),
            ReportSubmitterRole.Student, today ?? Today, Now);

    [Fact]
    public void A_report_is_kept_for_the_first_day_of_its_month_and_counts_for_the_semester_holding_it_R9()
    {
        var report = Submit(new DateOnly(2026, 10, 17));

        report.Month.ShouldBe(new DateOnly(2026, 10, 1));
        report.SemesterId.ShouldBe(Autumn.Id);
        report.Content.ShouldBe("本月汇报");
        report.DomainEvents.OfType<MonthlyReportSubmitted>().Single().Month.ShouldBe(new DateOnly(2026, 10, 1));
    }

    [Fact]
    public void The_current_month_may_be_reported_but_not_a_later_one_R9()
    {
        Submit(new DateOnly(2026, 11, 1)).Month.ShouldBe(new DateOnly(2026, 11, 1));

        Should.Throw<RuleViolationException>(() => Submit(new DateOnly(2026, 12, 1))).Rule.ShouldBe("R9");
    }

    [Fact]
    public void A_month_in_no_semester_is_refused_R9()
    {
        Should.Throw<RuleViolationException>(() => Submit(new DateOnly(2026, 8, 1), new DateOnly(2027, 9, 1))).Rule.ShouldBe("R9");
        Should.Throw<RuleViolationException>(() => Submit(new DateOnly(2026, 10, 1), null, Spring)).Rule.ShouldBe("R9");
    }

    [Fact]
    public void A_month_shared_by_two_semesters_counts_for_the_one_holding_more_of_its_days()
    {
        // January 2027: 20 days of the autumn semester, 4 of the spring one.
        MonthlyReport.SemesterFor(new DateOnly(2027, 1, 1), [Spring, Autumn]).ShouldBe(Autumn);
        MonthlyReport.SemesterFor(new DateOnly(2027, 2, 1), [Spring, Autumn]).ShouldBe(Spring);
        MonthlyReport.SemesterFor(new DateOnly(2027, 8, 1), [Spring, Autumn]).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_report_has_content(string content) =>
        Should.Throw<DomainValidationException>(() => MonthlyReport.Submit(Guid.CreateVersion7(), new DateOnly(2026, 10, 1), content, [Autumn], null,
            ReportSubmitterRole.Student, Today, Now)).Field.ShouldBe("content");

    [Fact]
    public void A_mentor_comments_and_the_comment_is_a_fact_for_the_audit_log()
    {
        var report = Submit(new DateOnly(2026, 10, 1));
        var mentor = Guid.CreateVersion7();

        var comment = report.Comment(mentor, "  继续加油  ", Now);

        comment.Text.ShouldBe("继续加油");
        comment.AuthorTeacherId.ShouldBe(mentor);
        comment.ReportId.ShouldBe(report.Id);
        report.Comments.ShouldBe([comment]);
        report.DomainEvents.OfType<MonthlyReportCommented>().Single().CommentId.ShouldBe(comment.Id);
        Should.Throw<DomainValidationException>(() => report.Comment(mentor, " ", Now));
        Should.Throw<DomainValidationException>(() => report.Comment(mentor, new string('好', MonthlyReport.MaxCommentLength + 1), Now));
    }
}
