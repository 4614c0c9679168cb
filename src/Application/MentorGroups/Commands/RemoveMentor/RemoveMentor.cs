using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.MentorGroups.Commands.RemoveMentor;

/// <summary>Takes a mentor out of a group; their mentees must be reassigned first.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record RemoveMentorCommand(Guid GroupId, Guid TeacherId) : ICommand<MentorGroupDto>, ISchoolRequest;

public sealed class RemoveMentorHandler(MentorGroupService groups) : ICommandHandler<RemoveMentorCommand, MentorGroupDto>
{
    public async ValueTask<MentorGroupDto> Handle(RemoveMentorCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadForHeadTeacherAsync(command.GroupId, cancellationToken);
        group.RemoveMentor(command.TeacherId);
        return await groups.ToDtoAsync(group, cancellationToken);
    }
}

public sealed class RemoveMentorValidator : AbstractValidator<RemoveMentorCommand>
{
    public RemoveMentorValidator() => RuleFor(x => x.TeacherId).NotEmpty();
}
