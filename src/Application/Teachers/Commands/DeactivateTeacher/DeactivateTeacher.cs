using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;

namespace MentorCloud.Application.Teachers.Commands.DeactivateTeacher;

/// <summary>A teacher who left: no more sign-ins or new mentees, and their mentees become uncovered (R15); their history stays.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record DeactivateTeacherCommand(Guid Id) : ICommand<TeacherDto>, ISchoolRequest;

public sealed class DeactivateTeacherHandler(IApplicationDbContext db)
    : ICommandHandler<DeactivateTeacherCommand, TeacherDto>
{
    public async ValueTask<TeacherDto> Handle(DeactivateTeacherCommand command, CancellationToken cancellationToken)
    {
        var teacher = await db.Teachers.GetAsync(command.Id, cancellationToken);
        teacher.Deactivate();
        return teacher.ToDto();
    }
}

public sealed class DeactivateTeacherValidator : AbstractValidator<DeactivateTeacherCommand>
{
    public DeactivateTeacherValidator() => RuleFor(x => x.Id).NotEmpty();
}
