using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Students.Commands.SetAttentionFlags;

/// <summary>Sets a student's priority-care flags (R5): school admins and the class's head teacher; every change is audited.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record SetAttentionFlagsCommand(Guid StudentId, IReadOnlyList<AttentionFlags> Flags) : ICommand<StudentDto>, ISchoolRequest;

public sealed class SetAttentionFlagsHandler(IApplicationDbContext db, AccessPolicy access)
    : ICommandHandler<SetAttentionFlagsCommand, StudentDto>
{
    public async ValueTask<StudentDto> Handle(SetAttentionFlagsCommand command, CancellationToken cancellationToken)
    {
        var student = await db.Students.GetAsync(command.StudentId, cancellationToken);
        await access.DemandAdminOrHeadTeacherOfAsync(student.ClassId, nameof(Student), student.Id, cancellationToken);

        student.SetAttentionFlags(command.Flags.Combine());
        return student.ToDto();
    }
}

public sealed class SetAttentionFlagsValidator : AbstractValidator<SetAttentionFlagsCommand>
{
    public SetAttentionFlagsValidator()
    {
        RuleFor(x => x.Flags).NotNull();
        RuleForEach(x => x.Flags).Must(f => f.IsSingleFlag()).WithMessage(Messages.UseOneOf(StudentMapping.FlagNames));
    }
}
