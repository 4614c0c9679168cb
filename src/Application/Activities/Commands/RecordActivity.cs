using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Application.Semesters;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Activities.Commands;

/// <summary>A mentor records a talk, parent contact, evaluation feedback or group talk (R9, R10); safe to retry with an Idempotency-Key.</summary>
[RequiresRole(Roles.Teacher)]
public sealed record RecordActivityCommand(
    ActivityKind Kind,
    IReadOnlyList<Guid> StudentIds,
    Guid SemesterId,
    DateOnly OccurredOn,
    ParentContactMode? Mode,
    IReadOnlyList<GuidanceDomain> Domains,
    string Summary,
    IReadOnlyList<FollowUpPlan>? FollowUps = null,
    IReadOnlyList<Guid>? CoVisitorIds = null) : ICommand<ActivityDto>, ISchoolRequest, IIdempotentRequest, IActivityContent;

public sealed class RecordActivityHandler(IApplicationDbContext db, ActivityAccess access, TimeProvider clock) : ICommandHandler<RecordActivityCommand, ActivityDto>
{
    public async ValueTask<ActivityDto> Handle(RecordActivityCommand command, CancellationToken cancellationToken)
    {
        var recorderId = access.RecorderId;
        var semester = await db.Semesters.NamedAsync(command.SemesterId, cancellationToken);
        var details = command.ToDetails();
        var rights = await access.RightsForAsync(recorderId, semester.Id, details.StudentIds, cancellationToken);
        await access.DemandCoVisitorsAsync(details.CoVisitorIds, cancellationToken);
        var activity = GuidanceActivity.Record(details, semester.Id, semester.Dates, recorderId, rights, clock.Today(), clock.GetUtcNow());
        db.GuidanceActivities.Add(activity);
        return ActivityDto.From(activity);
    }
}

public sealed class RecordActivityValidator : AbstractValidator<RecordActivityCommand>
{
    public RecordActivityValidator()
    {
        RuleFor(x => x.SemesterId).NotEmpty();
        this.AddActivityContentRules();
        RuleForEach(x => x.FollowUps).Must(f => f.Id is null).WithMessage(new LocalizedText("新记录的跟进措施还没有 id，请不要填写。", "A new activity's follow-up actions have no id yet."));
    }
}
