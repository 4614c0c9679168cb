using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.MentorGroups.Commands.AddMentor;

/// <summary>Any active teacher of the school may join a group (R2).</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record AddMentorCommand(Guid GroupId, Guid TeacherId) : ICommand<MentorGroupDto>, ISchoolRequest;

public sealed class AddMentorHandler(MentorGroupService groups) : ICommandHandler<AddMentorCommand, MentorGroupDto>
{
    public async ValueTask<MentorGroupDto> Handle(AddMentorCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadForHeadTeacherAsync(command.GroupId, cancellationToken);
        await groups.EnsureActiveTeachersAsync([command.TeacherId], "teacherId", cancellationToken);
        group.AddMentor(command.TeacherId);
        return await groups.ToDtoAsync(group, cancellationToken);
    }
}

public sealed class AddMentorValidator : AbstractValidator<AddMentorCommand>
{
    public AddMentorValidator() => RuleFor(x => x.TeacherId).NotEmpty();
}
