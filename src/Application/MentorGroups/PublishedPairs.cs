using System.Linq.Expressions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups;

/// <summary>The pairs a semester's guidance counts: current pairs of the semester's published groups (R6, R16).</summary>
public static class PublishedPairs
{
    /// <summary>The rule, for compiled queries (see <see cref="QueryRule"/>).</summary>
    public static readonly Expression<Func<DbContext, Guid, IQueryable<MentorAssignment>>> Of = (context, semesterId) =>
        from a in context.Set<MentorAssignment>()
        join g in context.Set<MentorGroup>() on a.GroupId equals g.Id
        where a.SemesterId == semesterId && a.EndedAt == null && g.Phase == MentorGroupPhase.Published
        select a;

    public static IQueryable<MentorAssignment> PublishedPairsOf(this IApplicationDbContext db, Guid semesterId) =>
        Of.Apply(db.MentorAssignments.Context(), semesterId);
}
