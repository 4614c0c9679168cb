using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Activities;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Activities.Commands;

/// <summary>The author withdraws an activity while its semester is open: it is hidden from then on, and the audit log keeps the fact.</summary>
[RequiresRole(Roles.Teacher)]
public sealed record DeleteActivityCommand(Guid Id) : ICommand, ISchoolRequest;

public sealed class DeleteActivityHandler(IApplicationDbContext db, ActivityAccess access, TimeProvider clock) : ICommandHandler<DeleteActivityCommand>
{
    public async ValueTask<Unit> Handle(DeleteActivityCommand command, CancellationToken cancellationToken)
    {
        var byId = access.RecorderId;
        var activity = await access.GetForAuthorAsync(command.Id, cancellationToken);
        var semester = await db.Semesters.AsNoTracking().SingleAsync(s => s.Id == activity.SemesterId, cancellationToken);
        activity.Delete(byId, semester.Dates, clock.Today(), clock.GetUtcNow());
        return Unit.Value;
    }
}

public sealed class DeleteActivityValidator : AbstractValidator<DeleteActivityCommand>
{
    public DeleteActivityValidator() => RuleFor(x => x.Id).NotEmpty();
}

/// <summary>The author marks a follow-up action done, on a day that has come (today when none is named).</summary>
[RequiresRole(Roles.Teacher)]
public sealed record CompleteFollowUpCommand(Guid ActivityId, Guid FollowUpId, DateOnly? CompletedOn = null) : ICommand<ActivityDto>, ISchoolRequest;

public sealed class CompleteFollowUpHandler(IApplicationDbContext db, ActivityAccess access, TimeProvider clock) : ICommandHandler<CompleteFollowUpCommand, ActivityDto>
{
    public async ValueTask<ActivityDto> Handle(CompleteFollowUpCommand command, CancellationToken cancellationToken)
    {
        var byId = access.RecorderId;
        var activity = await access.GetForAuthorAsync(command.ActivityId, cancellationToken);
        if (activity.FollowUps.All(f => f.Id != command.FollowUpId)) throw new Common.Exceptions.NotFoundException(nameof(FollowUpAction), command.FollowUpId);
        var semester = await db.Semesters.AsNoTracking().SingleAsync(s => s.Id == activity.SemesterId, cancellationToken);
        var today = clock.Today();
        activity.CompleteFollowUp(command.FollowUpId, byId, command.CompletedOn ?? today, semester.Dates, today);
        return ActivityDto.From(activity);
    }
}

public sealed class CompleteFollowUpValidator : AbstractValidator<CompleteFollowUpCommand>
{
    public CompleteFollowUpValidator()
    {
        RuleFor(x => x.ActivityId).NotEmpty();
        RuleFor(x => x.FollowUpId).NotEmpty();
    }
}
