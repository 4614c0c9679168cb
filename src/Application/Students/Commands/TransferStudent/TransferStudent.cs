using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Students.Commands.TransferStudent;

/// <summary>Moves a student to another class of the school; they leave their mentors and join the new class uncovered (R15).</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record TransferStudentCommand(Guid Id, Guid ClassId) : ICommand<StudentDto>, ISchoolRequest;

public sealed class TransferStudentHandler(IApplicationDbContext db) : ICommandHandler<TransferStudentCommand, StudentDto>
{
    public async ValueTask<StudentDto> Handle(TransferStudentCommand command, CancellationToken cancellationToken)
    {
        var student = await db.Students.GetAsync(command.Id, cancellationToken);
        await db.EnsureClassExistsAsync(command.ClassId, cancellationToken);
        student.TransferTo(command.ClassId);
        return student.ToDto();
    }
}

public sealed class TransferStudentValidator : AbstractValidator<TransferStudentCommand>
{
    public TransferStudentValidator() => RuleFor(x => x.ClassId).NotEmpty();
}
