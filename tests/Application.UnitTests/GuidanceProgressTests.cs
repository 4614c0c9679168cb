using MentorCloud.Application.Progress;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Semesters;

namespace MentorCloud.Application.UnitTests;

public sealed class GuidanceProgressTests
{
    // 1 September 2026 to 20 January 2027: five months, September to January.
    private static readonly Semester Autumn = new("2026 秋", new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20)));
    private static readonly PolicySettings Policy = PolicySettings.Default;

    [Theory]
    [InlineData("2026-09-10", 0)] // September runs, before its reminder day
    [InlineData("2026-09-25", 1)] // from the reminder day the running month is due
    [InlineData("2026-10-01", 1)]
    [InlineData("2026-12-24", 3)]
    [InlineData("2027-01-20", 4)] // the last day: January is not due before the 25th...
    [InlineData("2027-01-21", 5)] // ...but every month is once the semester is over
    [InlineData("2027-06-01", 5)]
    public void Reports_are_due_for_every_month_that_is_over_and_the_running_one_from_its_reminder_day(string today, int due) =>
        GuidanceProgress.ReportsDue(Autumn, DateOnly.Parse(today), Policy).ShouldBe(due);

    [Fact]
    public void No_report_is_due_when_the_school_does_not_ask_for_them() =>
        GuidanceProgress.ReportsDue(Autumn, new DateOnly(2026, 12, 1), Policy with { MonthlyReportRequired = false }).ShouldBe(0);

    [Fact]
    public void A_student_with_everything_done_has_no_gaps()
    {
        var progress = GuidanceProgress.Of(Row(talks: 2, parentContacts: 1, evaluations: 1, reports: 3), Autumn.Id, reportsDue: 3, Policy);

        progress.ThreeOnesComplete.ShouldBeTrue();
        progress.Complete.ShouldBeTrue();
        progress.Gaps.ShouldBeEmpty();
        progress.MonthlyReports.ShouldBe(new MonthlyReportProgressDto(3, 3));
    }

    [Fact]
    public void Each_missing_duty_is_one_gap_and_reports_alone_leave_the_three_ones_complete()
    {
        var strict = Policy with { MinTalks = 3 };
        var talksShort = GuidanceProgress.Of(Row(talks: 1, parentContacts: 0, evaluations: 1, reports: 3), Autumn.Id, 3, strict);
        talksShort.Gaps.Count.ShouldBe(2);
        talksShort.ThreeOnesComplete.ShouldBeFalse();

        var reportsShort = GuidanceProgress.Of(Row(talks: 1, parentContacts: 1, evaluations: 1, reports: 1), Autumn.Id, 3, Policy);
        reportsShort.ThreeOnesComplete.ShouldBeTrue();
        reportsShort.Complete.ShouldBeFalse();
        reportsShort.Gaps.Count.ShouldBe(1);
        reportsShort.MonthlyReports.ShouldBe(new MonthlyReportProgressDto(3, 1));
    }

    private static ProgressRow Row(int talks, int parentContacts, int evaluations, int reports) => new()
    {
        StudentId = Guid.CreateVersion7(), Name = "李同学", StudentNo = "S-1", Talks = talks, ParentContacts = parentContacts,
        Evaluations = evaluations, MonthlyReports = reports,
    };
}
