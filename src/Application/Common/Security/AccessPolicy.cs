using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Common.Security;

/// <summary>
/// Who reaches what inside a school. "Head teacher of class C" is a fact of the data (the class names its
/// head teacher), not a role. Out of reach answers 404.
/// </summary>
public sealed class AccessPolicy(ICurrentUser user, IApplicationDbContext db)
{
    public bool IsSchoolAdmin => user.IsInRole(Roles.SchoolAdmin);

    public Task<List<Guid>> HeadedClassIdsAsync(CancellationToken cancellationToken) =>
        user.TeacherId is { } teacherId
            ? db.Classes.Where(c => c.HeadTeacherId == teacherId).Select(c => c.Id).ToListAsync(cancellationToken)
            : Task.FromResult(new List<Guid>());

    public async Task<bool> IsHeadTeacherOfAsync(Guid classId, CancellationToken cancellationToken) =>
        user.TeacherId is { } teacherId && await db.Classes.AnyAsync(c => c.Id == classId && c.HeadTeacherId == teacherId, cancellationToken);

    /// <summary>School admins and the class's head teacher pass; anyone else is told the resource does not exist.</summary>
    public async Task DemandAdminOrHeadTeacherOfAsync(Guid classId, string resource, object key, CancellationToken cancellationToken)
    {
        if (IsSchoolAdmin || await IsHeadTeacherOfAsync(classId, cancellationToken)) return;
        throw new NotFoundException(resource, key);
    }
}
