using MentorCloud.Domain.Policies;

namespace MentorCloud.Domain.UnitTests;

public sealed class SchoolPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_policy_matches_the_specification_defaults()
    {
        var policy = SchoolPolicy.CreateDefault(Now);

        policy.Settings.MaxStudentsPerMentor.ShouldBe(15);
        policy.Settings.MaxMentorsPerStudent.ShouldBe(3);
        policy.Settings.MaxPreferences.ShouldBe(3);
        policy.Settings.MinTalks.ShouldBe(1);
        policy.Settings.MinParentContacts.ShouldBe(1);
        policy.Settings.MinEvaluations.ShouldBe(1);
        policy.Settings.MonthlyReportRequired.ShouldBeTrue();
        policy.Settings.ReminderDaysBeforeEnd.ShouldBe([30, 14, 7, 1]);
        policy.Settings.MonthlyReportReminderDay.ShouldBe(25);
        policy.Settings.RequireGuardianConsent.ShouldBeTrue();
    }

    [Fact]
    public void A_policy_keeps_a_reminder_list_of_its_own()
    {
        var days = new List<int> { 20, 10 };
        var policy = SchoolPolicy.CreateDefault(Now).Revise(PolicySettings.Default with { ReminderDaysBeforeEnd = days }, Districts.PolicyLimits.None, Now, null);

        days.Add(1);

        policy.Settings.ReminderDaysBeforeEnd.ShouldBe([20, 10]);
        SchoolPolicy.CreateDefault(Now).Settings.ReminderDaysBeforeEnd.ShouldBe([30, 14, 7, 1]);
    }

    [Fact]
    public void Default_policies_get_distinct_ids() =>
        SchoolPolicy.CreateDefault(Now).Id.ShouldNotBe(SchoolPolicy.CreateDefault(Now).Id);
}
