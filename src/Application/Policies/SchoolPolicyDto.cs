using MentorCloud.Domain.Policies;
using Riok.Mapperly.Abstractions;

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
    DateTimeOffset EffectiveFrom);

/// <summary>One past or present version of the policy, with who made it.</summary>
public sealed record SchoolPolicyVersionDto(int Version, DateTimeOffset EffectiveFrom, Guid? ChangedBy, SchoolPolicyDto Policy);

/// <summary>The settings flattened into the answer; a field the settings gain and the answer lacks fails the build.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Both)]
public static partial class SchoolPolicyMapper
{
    public static partial SchoolPolicyDto ToDto(this PolicySettings settings, int version, DateTimeOffset effectiveFrom);
}
