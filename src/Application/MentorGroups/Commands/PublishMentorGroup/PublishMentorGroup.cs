using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.MentorGroups.Commands.PublishMentorGroup;

/// <summary>Publishes the mentor list (公布导师名单, R6) once every active student of the class has a mentor (R1).</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record PublishMentorGroupCommand(Guid GroupId) : ICommand<MentorGroupDto>, ISchoolRequest;

public sealed class PublishMentorGroupHandler(MentorGroupService groups, TimeProvider clock) : ICommandHandler<PublishMentorGroupCommand, MentorGroupDto>
{
    public async ValueTask<MentorGroupDto> Handle(PublishMentorGroupCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadForHeadTeacherAsync(command.GroupId, cancellationToken);
        var roster = await groups.ActiveStudentsAsync(group.ClassId, cancellationToken);
        group.Publish(roster.Select(s => s.Id).ToList(), clock.GetUtcNow());
        return await groups.ToDtoAsync(group, cancellationToken);
    }
}

public sealed class PublishMentorGroupValidator : AbstractValidator<PublishMentorGroupCommand>
{
    public PublishMentorGroupValidator() => RuleFor(x => x.GroupId).NotEmpty();
}
