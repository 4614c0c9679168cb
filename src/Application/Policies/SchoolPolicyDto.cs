using MentorCloud.Domain.Policies;

namespace MentorCloud.Application.Policies;

/// <summary>The policy in force, with its version; the caps never exceed the district's current ceilings.</summary>
public sealed record SchoolPolicyDto(
    int MaxStudentsPerMentor,
    int MaxMentorsPerStudent,
    int MaxPreferences,
    int MinTalks,
    int MinParentContacts,
    int MinEvaluations,
    bool MonthlyReportRequired,
    IReadOnlyList<int> ReminderDaysBeforeEnd,
    int MonthlyReportReminderDay,
    bool RequireGuardianConsent,
    int Version,
    DateTimeOffset EffectiveFrom)
{
    public static SchoolPolicyDto From(PolicySettings s, int version, DateTimeOffset effectiveFrom) =>
        new(s.MaxStudentsPerMentor, s.MaxMentorsPerStudent, s.MaxPreferences, s.MinTalks, s.MinParentContacts, s.MinEvaluations,
            s.MonthlyReportRequired, s.ReminderDaysBeforeEnd, s.MonthlyReportReminderDay, s.RequireGuardianConsent, version, effectiveFrom);
}

/// <summary>One past or present version of the policy, with who made it.</summary>
public sealed record SchoolPolicyVersionDto(int Version, DateTimeOffset EffectiveFrom, Guid? ChangedBy, SchoolPolicyDto Policy);
