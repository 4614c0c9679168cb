using MentorCloud.Domain.Semesters;

namespace MentorCloud.Application.Semesters;

/// <summary>Which semesters count on a school day; one definition for reach (R16), leavers (R15) and "current".</summary>
public static class SemesterQueries
{
    /// <summary>The semester in force: the one containing the day.</summary>
    public static IQueryable<Semester> InForceOn(this IQueryable<Semester> semesters, DateOnly day) =>
        semesters.Where(s => s.StartsOn <= day && day <= s.EndsOn);

    /// <summary>Semesters in force or still to come on the day.</summary>
    public static IQueryable<Semester> NotOverOn(this IQueryable<Semester> semesters, DateOnly day) =>
        semesters.Where(s => s.EndsOn >= day);
}
