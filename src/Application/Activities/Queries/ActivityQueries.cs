using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Activities;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Activities.Queries;

/// <summary>Activities the caller sees (R16), newest first; filtered by student, recording mentor, semester and kind.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetActivitiesQuery(Guid? StudentId, Guid? MentorId, Guid? SemesterId, ActivityKind? Kind, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<ActivityDto>>, ISchoolRequest, IPaged;

public sealed class GetActivitiesHandler(ActivityAccess access) : IQueryHandler<GetActivitiesQuery, PagedList<ActivityDto>>
{
    public async ValueTask<PagedList<ActivityDto>> Handle(GetActivitiesQuery query, CancellationToken cancellationToken)
    {
        var activities = access.Visible();
        if (query.StudentId is { } studentId) activities = activities.Where(a => a.Students.Any(s => s.StudentId == studentId));
        if (query.MentorId is { } mentorId) activities = activities.Where(a => a.RecordedById == mentorId);
        if (query.SemesterId is { } semesterId) activities = activities.Where(a => a.SemesterId == semesterId);
        if (query.Kind is { } kind) activities = activities.Where(a => a.Kind == kind);

        var total = await activities.CountAsync(cancellationToken);
        var page = await activities.AsNoTracking().Include(a => a.Students).Include(a => a.FollowUps)
            .OrderByDescending(a => a.OccurredOn).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        var viewer = access.StudentViewer;
        return new PagedList<ActivityDto>([.. page.Select(a => ActivityDto.From(a, viewer))], query.Page, query.PageSize, total);
    }
}

public sealed class GetActivitiesValidator : AbstractValidator<GetActivitiesQuery>
{
    public GetActivitiesValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Kind).IsInEnum();
    }
}

/// <summary>One activity, when the caller sees it (404 otherwise).</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetActivityQuery(Guid Id) : IQuery<ActivityDto>, ISchoolRequest;

public sealed class GetActivityHandler(ActivityAccess access) : IQueryHandler<GetActivityQuery, ActivityDto>
{
    public async ValueTask<ActivityDto> Handle(GetActivityQuery query, CancellationToken cancellationToken) =>
        ActivityDto.From(await access.GetVisibleAsync(query.Id, track: false, cancellationToken), access.StudentViewer);
}

public sealed class GetActivityValidator : AbstractValidator<GetActivityQuery>
{
    public GetActivityValidator() => RuleFor(x => x.Id).NotEmpty();
}
