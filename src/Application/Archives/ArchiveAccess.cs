using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Archives;

/// <summary>What a caller may do with one student's archive (R8, need to know).</summary>
public enum ArchiveAccess
{
    /// <summary>Outside the caller's reach: every archive route answers 404.</summary>
    None,

    /// <summary>A guardian: the goals, read only.</summary>
    ReadGoals,

    /// <summary>The student: the goals, which they may set and update.</summary>
    Goals,

    /// <summary>A former mentor (from the assignment history): the versions they wrote, read only.</summary>
    OwnVersions,

    /// <summary>Current mentors (R16), the class's head teacher and school admins: everything.</summary>
    Full,
}

/// <summary>
/// The one access rule of every archive use case (R8): current mentors and the class's head teacher read and write;
/// school admins read and write; a former mentor reads what they wrote; the student and their guardians see the goals;
/// anyone else, district staff included, finds nothing. Refusals are "not found".
/// </summary>
public sealed class ArchiveAccessPolicy(ICurrentUser user, AccessPolicy reach, IApplicationDbContext db, IDomainEventQueue events)
{
    public async Task<ArchiveAccess> ForAsync(Guid studentId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.SchoolAdmin))
            return await reach.ReachesStudentAsync(studentId, cancellationToken) ? ArchiveAccess.Full : ArchiveAccess.None;
        if (user.IsInRole(Roles.Teacher) && user.TeacherId is { } teacherId)
        {
            if (await reach.ReachesStudentAsync(studentId, cancellationToken)) return ArchiveAccess.Full;
            return await WasMentorAsync(teacherId, studentId, cancellationToken) ? ArchiveAccess.OwnVersions : ArchiveAccess.None;
        }
        if (user.StudentId == studentId && user.IsInRole(Roles.Student)) return ArchiveAccess.Goals;
        if (user.StudentId == studentId && user.IsInRole(Roles.Guardian)) return ArchiveAccess.ReadGoals;
        return ArchiveAccess.None;
    }

    /// <summary>The caller's access, or 404 when it is below <paramref name="needed"/>.</summary>
    public async Task<ArchiveAccess> DemandAsync(Guid studentId, ArchiveAccess needed, CancellationToken cancellationToken)
    {
        var access = await ForAsync(studentId, cancellationToken);
        return Satisfies(access, needed) ? access : throw new NotFoundException("StudentArchive", studentId);
    }

    /// <summary>
    /// As <see cref="DemandAsync"/> for a read, which is itself a fact for the audit log: granted or refused, it is
    /// recorded (the audited-read seam commits the record, also when the read answers 404).
    /// </summary>
    public async Task<ArchiveAccess> DemandReadAsync(Guid studentId, ArchiveAccess needed, ArchiveReadKind what, ArchiveSection? section,
        CancellationToken cancellationToken)
    {
        var access = await ForAsync(studentId, cancellationToken);
        var granted = Satisfies(access, needed);
        events.Raise(new ArchiveRead(studentId, what, section, Refused: !granted));
        return granted ? access : throw new NotFoundException("StudentArchive", studentId);
    }

    /// <summary>Who may record or withdraw a guardian's consent: school admins and the student's head teacher.</summary>
    public async Task DemandConsentKeeperAsync(Guid studentId, CancellationToken cancellationToken)
    {
        var classId = await db.Students.Where(s => s.Id == studentId).Select(s => (Guid?)s.ClassId).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), studentId);
        await reach.DemandAdminOrHeadTeacherOfAsync(classId, nameof(Student), studentId, cancellationToken);
    }

    /// <summary>Reading goals needs any access but a former mentor's; writing them, the student's or full access.</summary>
    private static bool Satisfies(ArchiveAccess access, ArchiveAccess needed) => needed switch
    {
        ArchiveAccess.ReadGoals => access is ArchiveAccess.ReadGoals or ArchiveAccess.Goals or ArchiveAccess.Full,
        ArchiveAccess.Goals => access is ArchiveAccess.Goals or ArchiveAccess.Full,
        ArchiveAccess.OwnVersions => access is ArchiveAccess.OwnVersions or ArchiveAccess.Full,
        _ => access >= needed,
    };

    /// <summary>A published pair in the history, ended or of a past semester. Drafts never gave reach, so they give none now.</summary>
    private Task<bool> WasMentorAsync(Guid teacherId, Guid studentId, CancellationToken cancellationToken) =>
        (from a in db.MentorAssignments
         join g in db.MentorGroups on a.GroupId equals g.Id
         where a.MentorId == teacherId && a.StudentId == studentId && g.Phase == MentorGroupPhase.Published
         select a.Id).AnyAsync(cancellationToken);
}
