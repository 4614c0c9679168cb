using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Policies;

/// <summary>A school's mentor-system policy (导师制实施细则): caps, the "three ones" minimums and reminders (R3, R5, R9, R12, R14).</summary>
public sealed class SchoolPolicy : AggregateRoot, ITenantOwned
{
    public const int DefaultMaxStudentsPerMentor = 15;
    public const int DefaultMaxMentorsPerStudent = 3;
    public const int DefaultMaxPreferences = 3;
    public static readonly IReadOnlyList<int> DefaultReminderDaysBeforeEnd = [30, 14, 7, 1];
    public const int DefaultMonthlyReportReminderDay = 25;

    private SchoolPolicy() { }

    public static SchoolPolicy CreateDefault(DateTimeOffset now) => new()
    {
        MaxStudentsPerMentor = DefaultMaxStudentsPerMentor,
        MaxMentorsPerStudent = DefaultMaxMentorsPerStudent,
        MaxPreferences = DefaultMaxPreferences,
        MinTalks = 1,
        MinParentContacts = 1,
        MinEvaluations = 1,
        MonthlyReportRequired = true,
        ReminderDaysBeforeEnd = [.. DefaultReminderDaysBeforeEnd],
        MonthlyReportReminderDay = DefaultMonthlyReportReminderDay,
        RequireGuardianConsent = true,
        UpdatedAt = now,
    };

    public int MaxStudentsPerMentor { get; private set; }
    public int MaxMentorsPerStudent { get; private set; }
    public int MaxPreferences { get; private set; }
    public int MinTalks { get; private set; }
    public int MinParentContacts { get; private set; }
    public int MinEvaluations { get; private set; }
    public bool MonthlyReportRequired { get; private set; }
    public List<int> ReminderDaysBeforeEnd { get; private set; } = [];
    public int MonthlyReportReminderDay { get; private set; }
    public bool RequireGuardianConsent { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
}
