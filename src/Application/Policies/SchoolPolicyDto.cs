using MentorCloud.Domain.Policies;
using Riok.Mapperly.Abstractions;

namespace MentorCloud.Application.Policies;

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
    bool RequireGuardianConsent);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class SchoolPolicyMapper
{
    public static partial SchoolPolicyDto ToDto(this SchoolPolicy policy);
}
