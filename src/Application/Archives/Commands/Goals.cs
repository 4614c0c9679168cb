using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Archives.Commands;

/// <summary>Sets a long-term or stage goal (发展性原则): the student, their current mentors, head teacher or a school admin.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record SetGoalCommand(Guid StudentId, GoalKind Kind, string Title, DateOnly? TargetDate) : ICommand<GoalDto>, ISchoolRequest;

public sealed class SetGoalHandler(ArchiveAccessPolicy access, ArchiveStore store, TimeProvider clock) : ICommandHandler<SetGoalCommand, GoalDto>
{
    public async ValueTask<GoalDto> Handle(SetGoalCommand command, CancellationToken cancellationToken)
    {
        await access.DemandAsync(command.StudentId, ArchiveAccess.Goals, cancellationToken);
        var archive = await store.ForWriteAsync(command.StudentId, cancellationToken);
        var goal = archive.SetGoal(command.Kind, command.Title, command.TargetDate, store.Author, clock.GetUtcNow(), await store.ConsentRequiredAsync(cancellationToken));
        return GoalDto.From(goal);
    }
}

public sealed class SetGoalValidator : AbstractValidator<SetGoalCommand>
{
    public SetGoalValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Title).NotEmpty().MaximumLength(ArchiveLimits.Brief);
    }
}

/// <summary>Changes a goal's status and/or adds a progress note.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record UpdateGoalCommand(Guid StudentId, Guid GoalId, GoalStatus? Status, string? ProgressNote) : ICommand<GoalDto>, ISchoolRequest;

public sealed class UpdateGoalHandler(ArchiveAccessPolicy access, ArchiveStore store, TimeProvider clock) : ICommandHandler<UpdateGoalCommand, GoalDto>
{
    public async ValueTask<GoalDto> Handle(UpdateGoalCommand command, CancellationToken cancellationToken)
    {
        await access.DemandAsync(command.StudentId, ArchiveAccess.Goals, cancellationToken);
        var archive = await store.ForWriteAsync(command.StudentId, cancellationToken, command.GoalId);
        if (archive.Goals.All(g => g.Id != command.GoalId)) throw new Common.Exceptions.NotFoundException(nameof(ArchiveGoal), command.GoalId);
        var goal = archive.UpdateGoal(command.GoalId, command.Status, command.ProgressNote, store.Author, clock.GetUtcNow(),
            await store.ConsentRequiredAsync(cancellationToken));
        return GoalDto.From(goal);
    }
}

public sealed class UpdateGoalValidator : AbstractValidator<UpdateGoalCommand>
{
    public UpdateGoalValidator()
    {
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.ProgressNote).MaximumLength(ArchiveLimits.Text);
        RuleFor(x => x).Must(x => x.Status is not null || !string.IsNullOrWhiteSpace(x.ProgressNote))
            .WithName("status").WithMessage(new LocalizedText("请修改状态或填写进展记录。", "Change the status or add a progress note."));
    }
}
