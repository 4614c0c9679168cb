using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;

namespace MentorCloud.Domain.Policies;

/// <summary>
/// One version of a school's mentor-system policy (导师制实施细则): caps, the "three ones" minimums and
/// reminders (R3, R5, R9, R12, R14). Versions are never changed; a change adds the next version, so any
/// semester can be evaluated against the policy that was in force.
/// </summary>
public sealed class SchoolPolicy : AggregateRoot, ITenantOwned, IAppendOnly
{
    private SchoolPolicy(Guid id) : base(id) { }

    private SchoolPolicy(int version, PolicySettings settings, DateTimeOffset effectiveFrom, Guid? changedBy)
    {
        Version = version;
        EffectiveFrom = effectiveFrom;
        ChangedBy = changedBy;
        Settings = settings with { ReminderDaysBeforeEnd = [.. settings.ReminderDaysBeforeEnd] };
    }

    /// <summary>The first version: the specification's defaults, tightened to the district's ceilings.</summary>
    public static SchoolPolicy CreateDefault(DateTimeOffset now, PolicyLimits? limits = null) =>
        new(1, PolicySettings.Default.ClampTo(limits ?? PolicyLimits.None), now, null);

    public int Version { get; private set; }
    public DateTimeOffset EffectiveFrom { get; private set; }
    public Guid? ChangedBy { get; private set; }

    /// <summary>The values of this version; a value object, stored in the version's own columns.</summary>
    public PolicySettings Settings { get; private set; } = null!;

    /// <summary>The next version with new settings; refused beyond the district's ceilings (R3, R14).</summary>
    public SchoolPolicy Revise(PolicySettings settings, PolicyLimits limits, DateTimeOffset now, Guid? changedBy)
    {
        settings.EnsureWithin(limits);
        var next = new SchoolPolicy(Version + 1, settings, now, changedBy);
        next.Raise(new PolicyRevised(next.Id, next.Version, Settings, settings));
        return next;
    }
}

public sealed record PolicyRevised(Guid PolicyId, int Version, PolicySettings From, PolicySettings To) : DomainEvent<PolicyRevised>;

/// <summary>The values of a policy version, spelled once: the request body, the stored columns and the answer all follow it.</summary>
public sealed record PolicySettings(
    int MaxStudentsPerMentor,
    int MaxMentorsPerStudent,
    int MaxPreferences,
    int MinTalks,
    int MinParentContacts,
    int MinEvaluations,
    bool MonthlyReportRequired,
    IReadOnlyList<int> ReminderDaysBeforeEnd,
    int MonthlyReportReminderDay,
    bool RequireGuardianConsent)
{
    public static readonly PolicySettings Default = new(15, 3, 3, 1, 1, 1, true, [30, 14, 7, 1], 25, true);

    public void EnsureWithin(PolicyLimits limits)
    {
        if (MaxStudentsPerMentor > (limits.MaxStudentsPerMentorCeiling ?? SchoolPolicyBounds.MaxStudentsPerMentor))
            throw new RuleViolationException("R3",
                new($"每位导师受导学生人数上限（maxStudentsPerMentor）设为 {MaxStudentsPerMentor}，超出了上限 {limits.MaxStudentsPerMentorCeiling ?? SchoolPolicyBounds.MaxStudentsPerMentor}。",
                    $"maxStudentsPerMentor {MaxStudentsPerMentor} exceeds the ceiling of {limits.MaxStudentsPerMentorCeiling ?? SchoolPolicyBounds.MaxStudentsPerMentor}."),
                new { field = "maxStudentsPerMentor", ceiling = limits.MaxStudentsPerMentorCeiling ?? SchoolPolicyBounds.MaxStudentsPerMentor });
        if (MaxMentorsPerStudent > (limits.MaxMentorsPerStudentCeiling ?? SchoolPolicyBounds.MaxMentorsPerStudent))
            throw new RuleViolationException("R14",
                new($"每名学生导师人数上限（maxMentorsPerStudent）设为 {MaxMentorsPerStudent}，超出了区上限 {limits.MaxMentorsPerStudentCeiling ?? SchoolPolicyBounds.MaxMentorsPerStudent}。",
                    $"maxMentorsPerStudent {MaxMentorsPerStudent} exceeds the district's ceiling of {limits.MaxMentorsPerStudentCeiling ?? SchoolPolicyBounds.MaxMentorsPerStudent}."),
                new { field = "maxMentorsPerStudent", ceiling = limits.MaxMentorsPerStudentCeiling ?? SchoolPolicyBounds.MaxMentorsPerStudent });
    }

    /// <summary>The same settings with caps lowered to the district's ceilings where they are higher.</summary>
    public PolicySettings ClampTo(PolicyLimits limits) => this with
    {
        MaxStudentsPerMentor = Math.Min(MaxStudentsPerMentor, limits.MaxStudentsPerMentorCeiling ?? MaxStudentsPerMentor),
        MaxMentorsPerStudent = Math.Min(MaxMentorsPerStudent, limits.MaxMentorsPerStudentCeiling ?? MaxMentorsPerStudent),
    };
}
