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
            throw new DomainValidationException(nameof(maxStudentsPerMentorCeiling), "Out of range.");
        if (maxMentorsPerStudentCeiling is < 1 or > SchoolPolicyBounds.MaxMentorsPerStudent)
            throw new DomainValidationException(nameof(maxMentorsPerStudentCeiling), "Out of range.");
        return new(maxStudentsPerMentorCeiling, maxMentorsPerStudentCeiling);
    }
}

/// <summary>Absolute bounds no policy may leave, whatever the district says.</summary>
public static class SchoolPolicyBounds
{
    public const int MaxStudentsPerMentor = 15;
    public const int MaxMentorsPerStudent = 5;
}
