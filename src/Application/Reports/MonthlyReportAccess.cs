using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Reports;

/// <summary>
/// Who reaches a student's monthly reports: the student themself, their current mentors and their class's head teacher
/// (R16), and school admins. Anyone else, district staff and other students included, finds nothing (404).
/// </summary>
public sealed class MonthlyReportAccess(ICurrentUser user, AccessPolicy reach, IApplicationDbContext db)
{
    public async Task DemandReaderAsync(Guid studentId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Student) && user.StudentId == studentId && await db.Students.AnyAsync(s => s.Id == studentId, cancellationToken)) return;
        if ((reach.IsSchoolAdmin || user.IsInRole(Roles.Teacher)) && await reach.ReachesStudentAsync(studentId, cancellationToken)) return;
        throw new NotFoundException(nameof(Student), studentId);
    }

    /// <summary>Only the student themself hands in their report; another student's reports are not found.</summary>
    public async Task<Student> DemandAuthorAsync(Guid studentId, CancellationToken cancellationToken)
    {
        if (user.StudentId != studentId) throw new NotFoundException(nameof(Student), studentId);
        return await db.Students.SingleOrDefaultAsync(s => s.Id == studentId && s.IsActive, cancellationToken)
               ?? throw new NotFoundException(nameof(Student), studentId);
    }

    /// <summary>
    /// Only a current mentor comments (R16). For anyone else, the head teacher who reads the reports included, the
    /// student is out of reach for this, as an archive is for a former mentor who reads it: not found.
    /// </summary>
    public async Task<Guid> DemandCommenterAsync(Guid studentId, CancellationToken cancellationToken)
    {
        if (user.TeacherId is { } teacherId && await reach.MenteeIdsOf(teacherId).ContainsAsync(studentId, cancellationToken)) return teacherId;
        throw new NotFoundException(nameof(Student), studentId);
    }

    public Task<Dictionary<Guid, string>> TeacherNamesAsync(IEnumerable<Guid> teacherIds, CancellationToken cancellationToken)
    {
        var ids = teacherIds.Distinct().ToList();
        return db.Teachers.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
    }
}
