using System.Linq.Expressions;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using MentorCloud.Domain.Semesters;

namespace MentorCloud.Application.Semesters;

/// <summary>Which semesters count on a school day; one definition for reach (R16), leavers (R15) and "current".</summary>
public static class SemesterQueries
{
    /// <summary>Whether the semester is in force on the day: it contains the day.</summary>
    public static readonly Expression<Func<Semester, DateOnly, bool>> IsInForceOn = (s, day) => s.StartsOn <= day && day <= s.EndsOn;

    /// <summary>The semester in force: the one containing the day.</summary>
    public static IQueryable<Semester> InForceOn(this IQueryable<Semester> semesters, DateOnly day) => semesters.Where(IsInForceOn.Bind(day));

    /// <summary>Semesters in force or still to come on the day.</summary>
    public static IQueryable<Semester> NotOverOn(this IQueryable<Semester> semesters, DateOnly day) =>
        semesters.Where(s => s.EndsOn >= day);
}

/// <summary>The semester a request names (a recorded activity, a report), read untracked; 404 when the school has none of it.</summary>
public static class SemesterChoice
{
    /// <summary>The semester named, or else the one in force today.</summary>
    public static async Task<Semester> ChosenOrInForceAsync(this DbSet<Semester> semesters, Guid? semesterId, DateOnly today, CancellationToken cancellationToken) =>
        semesterId is { } id
            ? await semesters.NamedAsync(id, cancellationToken)
            : await semesters.AsNoTracking().InForceOn(today).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(nameof(Semester), "current");

    /// <summary>The semester named.</summary>
    public static async Task<Semester> NamedAsync(this DbSet<Semester> semesters, Guid semesterId, CancellationToken cancellationToken)
    {
        var context = semesters.Context();
        return await ById.For(context)(context, semesterId, cancellationToken) ?? throw new NotFoundException(nameof(Semester), semesterId);
    }

    // Every recorded activity and most reports start here: compiled once, so a request skips the translation-cache lookup.
    private static readonly CompiledQuery<Func<DbContext, Guid, CancellationToken, Task<Semester?>>> ById = new(() =>
        EF.CompileAsyncQuery((DbContext context, Guid id, CancellationToken _) => context.Set<Semester>().AsNoTracking().SingleOrDefault(s => s.Id == id)));
}
