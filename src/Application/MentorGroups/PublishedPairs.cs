using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Application.MentorGroups;

/// <summary>The pairs a semester's guidance counts: current pairs of the semester's published groups (R6, R16).</summary>
public static class PublishedPairs
{
    public static IQueryable<MentorAssignment> PublishedPairsOf(this IApplicationDbContext db, Guid semesterId) =>
        from a in db.MentorAssignments
        join g in db.MentorGroups on a.GroupId equals g.Id
        where a.SemesterId == semesterId && a.EndedAt == null && g.Phase == MentorGroupPhase.Published
        select a;
}
