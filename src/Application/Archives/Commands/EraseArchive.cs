using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Archives.Commands;

/// <summary>
/// Removes the contents of an archive, every section version and goal (PIPL Art. 47), for a student who left or whose
/// guardian withdrew consent: school admins, with a reason. Only the audit trail of who did it, and the consent
/// records, remain.
/// </summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record EraseArchiveCommand(Guid StudentId, string Reason) : ICommand<StudentArchiveDto>, ISchoolRequest;

public sealed class EraseArchiveHandler(IApplicationDbContext db, ArchiveStore store, TimeProvider clock) : ICommandHandler<EraseArchiveCommand, StudentArchiveDto>
{
    public async ValueTask<StudentArchiveDto> Handle(EraseArchiveCommand command, CancellationToken cancellationToken)
    {
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.StudentId, cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), command.StudentId);
        var archive = await db.StudentArchives
            .Include(a => a.Consents)
            .Include(a => a.Goals)
            .Include("_entries")
            .SingleOrDefaultAsync(a => a.StudentId == command.StudentId, cancellationToken);
        if (archive is null) return await store.ReadAsync(command.StudentId, ownVersionsOnly: false, cancellationToken);
        if (student.IsActive && archive.ConsentInForce is not null)
            throw new ConflictException(new("该学生仍在读，且监护人知情同意仍然有效：请先登记撤回同意，再删除档案。", "The student is enrolled and their guardian's consent is in force: record the withdrawal before erasing."));
        archive.Erase(command.Reason, store.Author, clock.GetUtcNow());
        return new StudentArchiveDto(command.StudentId, archive.Version, archive.ErasedAt, ArchiveStore.NoSections);
    }
}

public sealed class EraseArchiveValidator : AbstractValidator<EraseArchiveCommand>
{
    public EraseArchiveValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(ArchiveLimits.Brief);
}
