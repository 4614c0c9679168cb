using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Students.Commands.DeactivateStudent;

/// <summary>A student who left: no longer counted for coverage, no sign-in, and out of their mentor groups (R15); records stay.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record DeactivateStudentCommand(Guid Id) : ICommand<StudentDto>, ISchoolRequest;

public sealed class DeactivateStudentHandler(IApplicationDbContext db)
    : ICommandHandler<DeactivateStudentCommand, StudentDto>
{
    public async ValueTask<StudentDto> Handle(DeactivateStudentCommand command, CancellationToken cancellationToken)
    {
        var student = await db.Students.GetAsync(command.Id, cancellationToken);
        student.Deactivate();
        return student.ToDto();
    }
}

public sealed class DeactivateStudentValidator : AbstractValidator<DeactivateStudentCommand>
{
    public DeactivateStudentValidator() => RuleFor(x => x.Id).NotEmpty();
}
