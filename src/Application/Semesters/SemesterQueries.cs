using MentorCloud.Application.Common.Exceptions;
using Microsoft.EntityFrameworkCore;
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

/// <summary>The semester a report is about: the one named, or else the one in force today; 404 when there is none.</summary>
public static class SemesterChoice
{
    public static async Task<Semester> ChosenOrInForceAsync(this IQueryable<Semester> semesters, Guid? semesterId, DateOnly today, CancellationToken cancellationToken) =>
        semesterId is { } id
            ? await semesters.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException(nameof(Semester), id)
            : await semesters.AsNoTracking().InForceOn(today).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(nameof(Semester), "current");
}
