using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Activities.Commands;

/// <summary>
/// The author restates an activity while its semester is open (R10). Follow-ups listed with their id are kept and restated,
/// new ones added, unlisted ones dropped. <c>If-Match</c> names the version the author read.
/// </summary>
[RequiresRole(Roles.Teacher)]
public sealed record EditActivityCommand(
    Guid Id,
    ActivityKind Kind,
    IReadOnlyList<Guid> StudentIds,
    DateOnly OccurredOn,
    ParentContactMode? Mode,
    IReadOnlyList<GuidanceDomain> Domains,
    string Summary,
    IReadOnlyList<FollowUpPlan>? FollowUps,
    IReadOnlyList<Guid>? CoVisitorIds,
    string? IfMatch) : ICommand<ActivityDto>, ISchoolRequest, IActivityContent;

public sealed class EditActivityHandler(IApplicationDbContext db, ActivityAccess access, TimeProvider clock) : ICommandHandler<EditActivityCommand, ActivityDto>
{
    public async ValueTask<ActivityDto> Handle(EditActivityCommand command, CancellationToken cancellationToken)
    {
        var editorId = access.RecorderId;
        var activity = await access.GetForAuthorAsync(command.Id, cancellationToken);
        VersionTag.DemandCurrent(command.IfMatch, activity.Version);
        var semester = await db.Semesters.AsNoTracking().SingleAsync(s => s.Id == activity.SemesterId, cancellationToken);
        // A closed semester answers R10 before anything else: its pairings no longer give reach over the students.
        activity.EnsureChangeableBy(editorId, semester.Dates, clock.Today());
        var details = command.ToDetails();
        var rights = await access.RightsForAsync(editorId, semester.Id, details.StudentIds, cancellationToken);
        await access.DemandCoVisitorsAsync(details.CoVisitorIds, cancellationToken);
        activity.Edit(details, editorId, semester.Dates, rights, clock.Today(), clock.GetUtcNow());
        return ActivityDto.From(activity);
    }
}

public sealed class EditActivityValidator : AbstractValidator<EditActivityCommand>
{
    public EditActivityValidator()
    {
        RuleFor(x => x.Id).NotEmpty();
        this.AddActivityContentRules();
        RuleFor(x => x.FollowUps).Must(f => f!.Where(x => x.Id is not null).Select(x => x.Id).Distinct().Count() == f!.Count(x => x.Id is not null))
            .When(x => x.FollowUps is not null).WithMessage(new LocalizedText("同一跟进措施只能列出一次。", "A follow-up action can be listed only once."));
    }
}
