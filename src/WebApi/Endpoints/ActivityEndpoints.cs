using Mediator;
using MentorCloud.Application.Activities;
using MentorCloud.Application.Activities.Commands;
using MentorCloud.Application.Activities.Queries;
using MentorCloud.Application.Common.Models;
using MentorCloud.Domain.Activities;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>Guidance activities (R9, R10) and priority care (R5).</summary>
public static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this RouteGroupBuilder school)
    {
        var activities = school.MapGroup("/activities").WithTags("Activities");
        activities.MapPost("/", async (RecordActivityCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var activity = await sender.Send(command, ct);
                http.Response.Headers.ETag = VersionTag.Of(activity.Version);
                return TypedResults.Created(http.SchoolLocation($"activities/{activity.Id}"), activity);
            })
            .WithSummary("Record a talk, parent contact, evaluation feedback or group talk: a current mentor of every listed student, or the head teacher for a joint home visit; 422 R10")
            .WithRequestExample(new RecordActivityCommand(ActivityKind.ParentContact, [ApiExamples.StudentId], ApiExamples.SemesterId, ApiExamples.Today.AddDays(-2),
                ParentContactMode.HomeVisit, [GuidanceDomain.Life, GuidanceDomain.Psychological], "到家中了解父母外出务工后的生活安排，与奶奶沟通作息和作业检查。",
                [new FollowUpPlan("每周三午休时谈心一次", ApiExamples.Today.AddDays(14))], []))
            .AcceptsIdempotencyKey()
            .WithETag()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        activities.MapGet("/", (ISender sender, CancellationToken ct, Guid? studentId = null, Guid? mentorId = null, Guid? semesterId = null, string? kind = null,
                    int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetActivitiesQuery(studentId, mentorId, semesterId, EnumQueryParameters.Parse<ActivityKind>(kind, nameof(kind)), page, pageSize), ct))
            .WithSummary("Activities within reach, newest first: school admin all, teachers those of their mentees and classes and their own, a student their own")
            .Produces<PagedList<ActivityDto>>()
            .WithEnumQuery<ActivityKind>("kind");
        activities.MapGet("/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var activity = await sender.Send(new GetActivityQuery(id), ct);
                http.Response.Headers.ETag = VersionTag.Of(activity.Version);
                return activity;
            })
            .WithSummary("One activity")
            .Produces<ActivityDto>()
            .WithETag();
        activities.MapPut("/{id:guid}", async (Guid id, ActivityRevision body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var activity = await sender.Send(new EditActivityCommand(id, body.Kind, body.StudentIds, body.OccurredOn, body.Mode, body.Domains, body.Summary,
                    body.FollowUps, body.CoVisitorIds, http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = VersionTag.Of(activity.Version);
                return activity;
            })
            .WithSummary("Restate an activity: its author, until the semester has closed (403 for others, 422 R10 after); follow-ups with an id are kept")
            .Produces<ActivityDto>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithETag()
            .RequiresIfMatch();
        activities.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteActivityCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Withdraw an activity: its author, until the semester has closed; hidden from then on, kept in the audit log")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        activities.MapPost("/{id:guid}/follow-ups/{followUpId:guid}/complete", (Guid id, Guid followUpId, ISender sender, CancellationToken ct, DateOnly? completedOn = null) =>
                sender.Send(new CompleteFollowUpCommand(id, followUpId, completedOn), ct))
            .WithSummary("Mark a follow-up action done (today, or ?completedOn=): the activity's author")
            .Produces<ActivityDto>();

        school.MapGet("/priority-care", (ISender sender, CancellationToken ct, Guid? semesterId = null) => sender.Send(new GetPriorityCareQuery(semesterId), ct))
            .WithTags("Activities")
            .WithSummary("Priority-care students (R5) of the head teacher's classes, or the school for school admins: mentors, days since the last talk and parent contact, overdue follow-ups; most neglected first")
            .Produces<PriorityCareDto>();
        return school;
    }

    public sealed record ActivityRevision(
        ActivityKind Kind,
        IReadOnlyList<Guid> StudentIds,
        DateOnly OccurredOn,
        ParentContactMode? Mode,
        IReadOnlyList<GuidanceDomain> Domains,
        string Summary,
        IReadOnlyList<FollowUpPlan>? FollowUps,
        IReadOnlyList<Guid>? CoVisitorIds);
}
