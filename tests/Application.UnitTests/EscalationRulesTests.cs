using MentorCloud.Application.Progress;
using MentorCloud.Application.Reminders;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Semesters;

namespace MentorCloud.Application.UnitTests;

/// <summary>When a stored reminder counts as escalated, and what a student's overdue duties are.</summary>
public sealed class EscalationRulesTests
{
    private static readonly Semester Autumn = new("2026-2027 第一学期", new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31)));

    [Theory]
    // The 30-day reminder (1 January): to head teachers on 8 January, not before.
    [InlineData("2027-01-01", "2027-01-07", false)]
    [InlineData("2027-01-01", "2027-01-08", true)]
    // The 7-day reminder (24 January): head teachers on the last day; it is before the admins' day (28 January) too.
    [InlineData("2027-01-24", "2027-01-27", false)]
    [InlineData("2027-01-24", "2027-01-28", true)]
    // The 1-day reminder (30 January) comes after the admins' day and 7 days later the semester is over: never escalated.
    [InlineData("2027-01-30", "2027-01-31", false)]
    [InlineData("2027-01-30", "2027-03-01", false)]
    // A reminder stored on the admins' day itself is not escalated that day.
    [InlineData("2027-01-28", "2027-01-28", false)]
    public void A_reminder_is_escalated_7_days_later_while_the_semester_runs_or_on_the_admins_day_3_days_before_the_end(string reminder, string today, bool escalated) =>
        Escalations.EscalatedBy(DateOnly.Parse(reminder), Autumn, DateOnly.Parse(today)).ShouldBe(escalated);

    [Fact]
    public void Overdue_duties_are_the_missing_talks_parent_contacts_and_evaluations_not_the_reports()
    {
        var policy = PolicySettings.Default with { MinTalks = 2, MinParentContacts = 1, MinEvaluations = 1 };
        Escalations.Missing(new ProgressRow { Talks = 1, ParentContacts = 0, Evaluations = 3, MonthlyReports = 0 }, policy).ShouldBe(1 + 1);
        Escalations.Missing(new ProgressRow { Talks = 0 }, policy).ShouldBe(4);
        Escalations.Missing(new ProgressRow { Talks = 2, ParentContacts = 1, Evaluations = 1 }, policy).ShouldBe(0);
    }
}
