using System.Linq.Expressions;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Application.Common.Security;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Activities;

/// <summary>
/// Who sees and who records guidance activities. Readers: school admins all; a teacher the activities of the students in
/// their reach (mentees in force and the classes they head, R16) and those they recorded; a student the ones that list
/// them. Recording: a current mentor of every listed student, or the head teacher for a joint home visit (R10).
/// </summary>
public sealed class ActivityAccess(IApplicationDbContext db, ICurrentUser user, AccessPolicy reach, TimeProvider clock)
{
    /// <summary>The student whose own view this is (summaries and follow-ups hidden), when the caller is a student.</summary>
    public Guid? StudentViewer => !reach.IsSchoolAdmin && user.TeacherId is null && user.IsInRole(Roles.Student) ? user.StudentId : null;

    public IQueryable<GuidanceActivity> Visible()
    {
        var activities = db.GuidanceActivities;
        if (reach.IsSchoolAdmin) return activities;
        if (user.IsInRole(Roles.Teacher) && user.TeacherId is { } teacherId)
        {
            var reached = reach.StudentsInReach().Select(s => s.Id);
            return activities.Where(a => a.RecordedById == teacherId || a.Students.Any(s => reached.Contains(s.StudentId)));
        }
        if (user.IsInRole(Roles.Student) && user.StudentId is { } studentId)
            return activities.Where(a => a.Students.Any(s => s.StudentId == studentId));
        return activities.Where(_ => false);
    }

    /// <summary>The activity with its students and follow-ups, when the caller sees it; 404 otherwise.</summary>
    public async Task<GuidanceActivity> GetVisibleAsync(Guid id, bool track, CancellationToken cancellationToken)
    {
        IQueryable<GuidanceActivity> query = Visible().Include(a => a.Students).Include(a => a.FollowUps);
        if (!track) query = query.AsNoTracking();
        return await query.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException(nameof(GuidanceActivity), id);
    }

    /// <summary>The activity for a change by its author: 404 when unseen, 403 when seen but someone else's.</summary>
    public async Task<GuidanceActivity> GetForAuthorAsync(Guid id, CancellationToken cancellationToken)
    {
        var activity = await GetVisibleAsync(id, track: true, cancellationToken);
        if (activity.RecordedById != user.TeacherId) throw new ForbiddenAccessException();
        return activity;
    }

    /// <summary>
    /// What the caller may record for these students in the semester: every student must be in the caller's reach (404
    /// otherwise), and the rights name each student's mentors of the semester's published pairing and the students whose
    /// class the caller heads (read with the reach, in one statement).
    /// </summary>
    public async Task<RecordingRights> RightsForAsync(Guid teacherId, Guid semesterId, IReadOnlyCollection<Guid> studentIds, CancellationToken cancellationToken)
    {
        var ids = studentIds.Distinct().ToList();
        var context = db.Students.Context();
        var reached = reach.IsSchoolAdmin
            ? await RightsOver.Apply(context, db.Students.Where(s => ids.Contains(s.Id)), teacherId, semesterId).ToListAsync(cancellationToken)
            : await ReachedByTeacher.For(context)(context, teacherId, clock.Today(), semesterId, ids).ToListAsync(cancellationToken);
        if (ids.FirstOrDefault(id => reached.All(s => s.Id != id)) is var missing && missing != Guid.Empty)
            throw new NotFoundException(nameof(Student), missing);

        return new RecordingRights(
            reached.ToDictionary(s => s.Id, s => (IReadOnlySet<Guid>)s.Mentors.ToHashSet()),
            reached.Where(s => s.Headed).Select(s => s.Id).ToHashSet());
    }

    private sealed record ReachedStudent(Guid Id, bool Headed, List<Guid> Mentors);

    // For each student: whether the teacher heads their class, and their mentors of the semester's published pairing.
    private static readonly Expression<Func<DbContext, IQueryable<Student>, Guid, Guid, IQueryable<ReachedStudent>>> RightsOver = QueryRule.Expand(
        (DbContext context, IQueryable<Student> students, Guid teacherId, Guid semesterId) => students.Select(s => new ReachedStudent(s.Id,
            context.Set<SchoolClass>().Any(c => c.Id == s.ClassId && c.HeadTeacherId == teacherId),
            PublishedPairs.Of.Invoke(context, semesterId).Where(a => a.StudentId == s.Id).Select(a => a.MentorId).ToList())));

    // Every recorded activity reads the reach (R16) with the rights above: compiled once, as building the reach rule's
    // query and looking it up took a sixth of a write's CPU. The school's filter still applies.
    private static readonly CompiledQuery<Func<DbContext, Guid, DateOnly, Guid, List<Guid>, IAsyncEnumerable<ReachedStudent>>> ReachedByTeacher = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, DateOnly day, Guid semesterId, List<Guid> ids) =>
            RightsOver.Invoke(context, AccessPolicy.StudentsOfTeacherOn.Invoke(context, teacherId, day).Where(s => ids.Contains(s.Id)), teacherId, semesterId))));

    /// <summary>Co-visitors are active teachers of the school (R10).</summary>
    public async Task DemandCoVisitorsAsync(IReadOnlyCollection<Guid> coVisitorIds, CancellationToken cancellationToken)
    {
        if (coVisitorIds.Count == 0) return;
        var ids = coVisitorIds.Distinct().ToList();
        var found = await db.Teachers.Where(t => ids.Contains(t.Id) && t.IsActive).Select(t => t.Id).ToListAsync(cancellationToken);
        if (ids.FirstOrDefault(id => !found.Contains(id)) is var unknown && unknown != Guid.Empty)
            throw new Domain.Common.RuleViolationException("R10", new("共同家访的导师须为本校在职教师。", "Every co-visitor is an active teacher of the school."), new { coVisitorId = unknown });
    }

    /// <summary>The caller as a recorder: a teacher; anyone else may not record (403).</summary>
    public Guid RecorderId => user.TeacherId is { } id && user.IsInRole(Roles.Teacher) ? id : throw new ForbiddenAccessException();
}
