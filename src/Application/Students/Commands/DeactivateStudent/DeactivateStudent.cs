using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Auditing;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Students.Commands.DeactivateStudent;

/// <summary>A student who left: no longer counted for coverage, no sign-in; records stay.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record DeactivateStudentCommand(Guid Id) : ICommand<StudentDto>, ISchoolRequest;

public sealed class DeactivateStudentHandler(IApplicationDbContext db, IIdentityService identity, AuditLog audit)
    : ICommandHandler<DeactivateStudentCommand, StudentDto>
{
    public async ValueTask<StudentDto> Handle(DeactivateStudentCommand command, CancellationToken cancellationToken)
    {
        var student = await db.Students.GetAsync(command.Id, cancellationToken);
        student.Deactivate();
        await identity.DeactivateLinkedAccountAsync(null, student.Id, cancellationToken);
        audit.Record("student.deactivated", nameof(Student), student.Id, studentId: student.Id);
        return student.ToDto();
    }
}

public sealed class DeactivateStudentValidator : AbstractValidator<DeactivateStudentCommand>
{
    public DeactivateStudentValidator() => RuleFor(x => x.Id).NotEmpty();
}
