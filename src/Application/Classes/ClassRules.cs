using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Classes;

public static class ClassRules
{
    /// <summary>The head teacher is an active teacher of this school who heads no other class that school year.</summary>
    public static async Task EnsureHeadTeacherAsync(this IApplicationDbContext db, Guid headTeacherId, int schoolYear, Guid? classId, CancellationToken cancellationToken)
    {
        if (!await db.Teachers.AnyAsync(t => t.Id == headTeacherId && t.IsActive, cancellationToken))
            throw ValidationException.For("headTeacherId", Messages.HeadTeacherMustBeActiveTeacher);
        if (await db.Classes.AnyAsync(c => c.HeadTeacherId == headTeacherId && c.SchoolYear == schoolYear && c.Id != classId, cancellationToken))
            throw new ConflictException(Messages.HeadsAnotherClass);
    }

    /// <summary>Every id names a class of this school.</summary>
    public static async Task EnsureClassesExistAsync(this IApplicationDbContext db, IReadOnlyCollection<Guid> classIds, CancellationToken cancellationToken)
    {
        var ids = classIds.Distinct().ToList();
        if (await db.Classes.CountAsync(c => ids.Contains(c.Id), cancellationToken) != ids.Count)
            throw ValidationException.For("classIds", Messages.ClassNotFound);
    }

    public static async Task EnsureUniqueNameAsync(this IApplicationDbContext db, string name, int schoolYear, Guid? classId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim();
        if (await db.Classes.AnyAsync(c => c.Name == trimmed && c.SchoolYear == schoolYear && c.Id != classId, cancellationToken))
            throw new ConflictException(Messages.DuplicateClass(trimmed));
    }
}
