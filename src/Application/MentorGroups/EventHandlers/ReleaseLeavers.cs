using MentorCloud.Application.Semesters;
using System.Linq.Expressions;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.EventHandlers;

/// <summary>
/// Leavers and movers (R15): a student who is deactivated or transferred, or a teacher who is deactivated, leaves
/// their pairs in every group of a semester that is not over, in the same transaction, so the mentors' places are
/// freed (R3) and the students show as uncovered (R1). Pairs of past semesters stay as they were.
/// </summary>
public sealed class ReleaseLeavers(IApplicationDbContext db, MentorLoadLedgers ledgers, TimeProvider clock)
    : IDomainEventHandler<StudentDeactivated>, IDomainEventHandler<StudentTransferred>, IDomainEventHandler<TeacherDeactivated>
{
    public ValueTask Handle(StudentDeactivated domainEvent, CancellationToken cancellationToken) =>
        ReleaseStudentAsync(domainEvent.StudentId, AssignmentEndReason.StudentLeft, cancellationToken);

    public ValueTask Handle(StudentTransferred domainEvent, CancellationToken cancellationToken) =>
        ReleaseStudentAsync(domainEvent.StudentId, AssignmentEndReason.StudentTransferred, cancellationToken);

    public async ValueTask Handle(TeacherDeactivated domainEvent, CancellationToken cancellationToken)
    {
        var teacherId = domainEvent.TeacherId;
        foreach (var group in await GroupsInForceAsync(a => a.MentorId == teacherId, cancellationToken))
            group.ReleaseMentor(teacherId, AssignmentEndReason.MentorLeft, await ledgers.OpenAsync(group.SemesterId, [teacherId], cancellationToken), clock.GetUtcNow());
    }

    private async ValueTask ReleaseStudentAsync(Guid studentId, AssignmentEndReason reason, CancellationToken cancellationToken)
    {
        foreach (var group in await GroupsInForceAsync(a => a.StudentId == studentId, cancellationToken))
        {
            var ledger = await ledgers.OpenAsync(group.SemesterId, group.MentorsOf(studentId), cancellationToken);
            group.ReleaseStudent(studentId, reason, ledger, clock.GetUtcNow());
        }
    }

    /// <summary>The groups of semesters not yet over that hold a current pair like <paramref name="pair"/>.</summary>
    private Task<List<MentorGroup>> GroupsInForceAsync(Expression<Func<MentorAssignment, bool>> pair, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var semesters = db.Semesters.NotOverOn(today).Select(s => s.Id);
        var groupIds = db.MentorAssignments.Where(a => a.EndedAt == null).Where(pair).Where(a => semesters.Contains(a.SemesterId)).Select(a => a.GroupId);
        return db.MentorGroups.Include(g => g.AllAssignments).Where(g => groupIds.Contains(g.Id)).ToListAsync(cancellationToken);
    }
}
