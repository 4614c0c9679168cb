using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Students.Commands.CreateStudent;

/// <summary>Adds a student to a class, with guardians, priority-care flags (R5) and an optional login (role student).</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record CreateStudentCommand(
    string Name,
    string StudentNo,
    Guid ClassId,
    Gender Gender,
    DateOnly? BirthDate,
    IReadOnlyList<AttentionFlags>? AttentionFlags,
    IReadOnlyList<GuardianDto>? Guardians,
    NewAccount? Account) : ICommand<StudentDto>, ISchoolRequest;

public sealed class CreateStudentHandler(IApplicationDbContext db, IIdentityService identity, ITenantContext tenant)
    : ICommandHandler<CreateStudentCommand, StudentDto>
{
    public async ValueTask<StudentDto> Handle(CreateStudentCommand command, CancellationToken cancellationToken)
    {
        var studentNo = command.StudentNo.Trim();
        if (await db.Students.AnyAsync(s => s.StudentNo == studentNo, cancellationToken))
            throw new ConflictException(Messages.DuplicateStudentNo(studentNo));
        await db.EnsureClassExistsAsync(command.ClassId, cancellationToken);

        var student = new Student(command.Name, studentNo, command.ClassId, command.Gender, command.BirthDate, command.Guardians.ToGuardians(),
            command.AttentionFlags.Combine());
        db.Students.Add(student);
        await identity.CreateLinkedAccountAsync(tenant, command.Account, student.Name, Roles.Student, null, student.Id, cancellationToken);
        return student.ToDto();
    }
}
