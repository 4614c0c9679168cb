using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Districts;

/// <summary>
/// Ceilings a district sets for the policies of its schools (R3, R14): schools may tighten them, never exceed them.
/// A null ceiling leaves the school free within the specification's own bounds.
/// </summary>
public sealed record PolicyLimits(int? MaxStudentsPerMentorCeiling, int? MaxMentorsPerStudentCeiling)
{
    public static readonly PolicyLimits None = new(null, null);

    public static PolicyLimits Create(int? maxStudentsPerMentorCeiling, int? maxMentorsPerStudentCeiling)
    {
        if (maxStudentsPerMentorCeiling is < 1 or > SchoolPolicyBounds.MaxStudentsPerMentor)
            throw new DomainValidationException(nameof(maxStudentsPerMentorCeiling), new("数值超出允许范围。", "Out of range."));
        if (maxMentorsPerStudentCeiling is < 1 or > SchoolPolicyBounds.MaxMentorsPerStudent)
            throw new DomainValidationException(nameof(maxMentorsPerStudentCeiling), new("数值超出允许范围。", "Out of range."));
        return new(maxStudentsPerMentorCeiling, maxMentorsPerStudentCeiling);
    }
}

/// <summary>Absolute bounds no policy may leave, whatever the district says.</summary>
public static class SchoolPolicyBounds
{
    /// <summary>师生比 ≤ 1:15 (R3); beyond it a policy breaks a rule (422), it is not malformed.</summary>
    public const int MaxStudentsPerMentor = 15;

    /// <summary>Mentors of one priority-care student (R5, R14).</summary>
    public const int MaxMentorsPerStudent = 5;

    public const int MaxPreferences = 10;

    /// <summary>The most talks, parent contacts or evaluations a semester can demand per student (R9).</summary>
    public const int MaxMinimumPerSemester = 30;

    public const int MaxReminders = 10;
    public const int MaxReminderDaysBeforeEnd = 180;

    /// <summary>Monthly-report reminders go out on a day every month has.</summary>
    public const int LastMonthlyReportReminderDay = 28;
}
