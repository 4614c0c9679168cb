using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.MentorGroups.Commands.OpenSelection;

/// <summary>Opens two-way selection (双向选择, R4) until <c>closesOn</c>; also reopens it after matching.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record OpenSelectionCommand(Guid GroupId, DateOnly ClosesOn) : ICommand<MentorGroupDto>, ISchoolRequest;

public sealed class OpenSelectionHandler(MentorGroupService groups, TimeProvider clock) : ICommandHandler<OpenSelectionCommand, MentorGroupDto>
{
    public async ValueTask<MentorGroupDto> Handle(OpenSelectionCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadForHeadTeacherAsync(command.GroupId, cancellationToken);
        group.OpenSelection(command.ClosesOn, clock.Today());
        return await groups.ToDtoAsync(group, cancellationToken);
    }
}

public sealed class OpenSelectionValidator : AbstractValidator<OpenSelectionCommand>
{
    public OpenSelectionValidator() => RuleFor(x => x.ClosesOn).NotEmpty();
}
