using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Classes;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Teachers.Commands.CreateTeacher;

/// <summary>Adds a teacher, with a login (role teacher) when an account is given.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record CreateTeacherCommand(string Name, string EmployeeNo, IReadOnlyList<string>? Subjects, NewAccount? Account, IReadOnlyList<Guid>? ClassIds = null)
    : ICommand<TeacherDto>, ISchoolRequest;

public sealed class CreateTeacherHandler(IApplicationDbContext db, IIdentityService identity, ITenantContext tenant)
    : ICommandHandler<CreateTeacherCommand, TeacherDto>
{
    public async ValueTask<TeacherDto> Handle(CreateTeacherCommand command, CancellationToken cancellationToken)
    {
        var employeeNo = command.EmployeeNo.Trim();
        if (await db.Teachers.AnyAsync(t => t.EmployeeNo == employeeNo, cancellationToken))
            throw new ConflictException(Messages.DuplicateEmployeeNo(employeeNo));

        var teacher = new Teacher(command.Name, employeeNo, command.Subjects ?? []);
        if (command.ClassIds is { Count: > 0 } classIds)
        {
            await db.EnsureClassesExistAsync(classIds, cancellationToken);
            teacher.SetClassesTaught(classIds);
        }
        db.Teachers.Add(teacher);
        await identity.CreateLinkedAccountAsync(tenant, command.Account, teacher.Name, Roles.Teacher, teacher.Id, null, cancellationToken);
        return teacher.ToDto();
    }
}
