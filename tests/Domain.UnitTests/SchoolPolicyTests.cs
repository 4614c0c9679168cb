using MentorCloud.Domain.Policies;

namespace MentorCloud.Domain.UnitTests;

public sealed class SchoolPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_policy_matches_the_specification_defaults()
    {
        var policy = SchoolPolicy.CreateDefault(Now);

        policy.MaxStudentsPerMentor.ShouldBe(15);
        policy.MaxMentorsPerStudent.ShouldBe(3);
        policy.MaxPreferences.ShouldBe(3);
        policy.MinTalks.ShouldBe(1);
        policy.MinParentContacts.ShouldBe(1);
        policy.MinEvaluations.ShouldBe(1);
        policy.MonthlyReportRequired.ShouldBeTrue();
        policy.ReminderDaysBeforeEnd.ShouldBe([30, 14, 7, 1]);
        policy.MonthlyReportReminderDay.ShouldBe(25);
        policy.RequireGuardianConsent.ShouldBeTrue();
    }

    [Fact]
    public void Default_policies_do_not_share_their_reminder_list()
    {
        var first = SchoolPolicy.CreateDefault(Now);
        var second = SchoolPolicy.CreateDefault(Now);

        first.ReminderDaysBeforeEnd.Add(3);

        second.ReminderDaysBeforeEnd.ShouldBe([30, 14, 7, 1]);
        SchoolPolicy.CreateDefault(Now).ReminderDaysBeforeEnd.ShouldBe([30, 14, 7, 1]);
    }

    [Fact]
    public void Default_policies_get_distinct_ids() =>
        SchoolPolicy.CreateDefault(Now).Id.ShouldNotBe(SchoolPolicy.CreateDefault(Now).Id);
}
