using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Students.Commands.UpdateStudent;

/// <summary>Corrects a student's details and guardians. Class changes go through a transfer; flags through attention-flags.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record UpdateStudentCommand(Guid Id, string Name, Gender Gender, DateOnly? BirthDate, IReadOnlyList<GuardianDto>? Guardians)
    : ICommand<StudentDto>, ISchoolRequest;

public sealed class UpdateStudentHandler(IApplicationDbContext db) : ICommandHandler<UpdateStudentCommand, StudentDto>
{
    public async ValueTask<StudentDto> Handle(UpdateStudentCommand command, CancellationToken cancellationToken)
    {
        var student = await db.Students.GetAsync(command.Id, cancellationToken);
        student.Update(command.Name, command.Gender, command.BirthDate, command.Guardians.ToGuardians());
        return student.ToDto();
    }
}
