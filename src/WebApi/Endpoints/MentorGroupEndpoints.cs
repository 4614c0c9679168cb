using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Application.MentorGroups.Commands.AddMentor;
using MentorCloud.Application.MentorGroups.Commands.AssignMentors;
using MentorCloud.Application.MentorGroups.Commands.CreateMentorGroup;
using MentorCloud.Application.MentorGroups.Commands.OpenSelection;
using MentorCloud.Application.MentorGroups.Commands.PublishMentorGroup;
using MentorCloud.Application.MentorGroups.Commands.RemoveMentor;
using MentorCloud.Application.MentorGroups.Commands.RunMatching;
using MentorCloud.Application.MentorGroups.Commands.SetMentorWelcomes;
using MentorCloud.Application.MentorGroups.Commands.SetStudentPreferences;
using MentorCloud.Application.MentorGroups.Queries.GetMentorGroup;
using MentorCloud.Application.MentorGroups.Queries.GetMentorGroups;
using MentorCloud.Application.MentorGroups.Queries.GetPairings;
using MentorCloud.Application.MentorGroups.Queries.GetPublishedList;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>Mentor groups and two-way selection (R1–R6).</summary>
public static class MentorGroupEndpoints
{
    public static RouteGroupBuilder MapMentorGroupEndpoints(this RouteGroupBuilder school)
    {
        var groups = school.MapGroup("/mentor-groups").WithTags("Mentor groups");
        groups.MapPost("/", async (CreateMentorGroupCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var group = await sender.Send(command, ct);
                return TypedResults.Created(http.SchoolLocation($"mentor-groups/{group.Id}"), group);
            })
            .WithSummary("Form the class mentor group for a semester (head teacher of the class, school admin)")
            .WithRequestExample(new CreateMentorGroupCommand(ApiExamples.ClassId, ApiExamples.SemesterId, [ApiExamples.HeadTeacherId, ApiExamples.MentorId]));
        groups.MapGet("/", (ISender sender, CancellationToken ct, Guid? semesterId = null, Guid? classId = null, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetMentorGroupsQuery(semesterId, classId, page, pageSize), ct))
            .WithSummary("Mentor groups within reach")
            .Produces<PagedList<MentorGroupSummaryDto>>();
        groups.MapGet("/{id:guid}", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetMentorGroupQuery(id), ct))
            .WithSummary("Phase, mentors with load and room (R3), students with flags (R5), preferences and assignments")
            .Produces<MentorGroupDto>();
        groups.MapPost("/{id:guid}/mentors", (Guid id, MentorToAdd body, ISender sender, CancellationToken ct) => sender.Send(new AddMentorCommand(id, body.TeacherId), ct))
            .WithSummary("Add a mentor: any active teacher of the school (R2)")
            .Produces<MentorGroupDto>();
        groups.MapDelete("/{id:guid}/mentors/{teacherId:guid}", (Guid id, Guid teacherId, ISender sender, CancellationToken ct) =>
                sender.Send(new RemoveMentorCommand(id, teacherId), ct))
            .WithSummary("Remove a mentor without mentees in the group")
            .Produces<MentorGroupDto>();
        groups.MapPost("/{id:guid}/open-selection", (Guid id, SelectionWindow body, ISender sender, CancellationToken ct) =>
                sender.Send(new OpenSelectionCommand(id, body.ClosesOn), ct))
            .WithSummary("Open two-way selection until closesOn (R4)")
            .WithRequestExample(new SelectionWindow(new DateOnly(2026, 9, 18)))
            .Produces<MentorGroupDto>();
        groups.MapPut("/{id:guid}/preferences/{studentId:guid}", (Guid id, Guid studentId, StudentRanking body, ISender sender, CancellationToken ct) =>
                sender.Send(new SetStudentPreferencesCommand(id, studentId, body.RankedMentorIds), ct))
            .WithSummary("A student's ranked mentors (the student, or the head teacher on their behalf)")
            .WithRequestExample(new StudentRanking([ApiExamples.MentorId, ApiExamples.HeadTeacherId]))
            .Produces<IReadOnlyList<Guid>>();
        groups.MapPut("/{id:guid}/mentor-preferences/{teacherId:guid}", (Guid id, Guid teacherId, MentorWelcomes body, ISender sender, CancellationToken ct) =>
                sender.Send(new SetMentorWelcomesCommand(id, teacherId, body.WelcomedStudentIds), ct))
            .WithSummary("The students a mentor welcomes (that mentor)")
            .Produces<IReadOnlyList<Guid>>();
        groups.MapPost("/{id:guid}/match", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new RunMatchingCommand(id), ct))
            .WithSummary("Run two-way selection: stable matching within every mentor's cap, then auto-assignment (R3, R4)")
            .Produces<MatchResultDto>();
        groups.MapPut("/{id:guid}/assignments/{studentId:guid}", (Guid id, Guid studentId, AssignmentUpdate body, ISender sender, CancellationToken ct) =>
                sender.Send(new AssignMentorsCommand(id, studentId, body.MentorIds), ct))
            .WithSummary("Set a student's mentors; 422 beyond the cap (R3) or too many mentors (R5); recorded after publishing")
            .WithRequestExample(new AssignmentUpdate([ApiExamples.MentorId]))
            .Produces<IReadOnlyList<GroupAssignmentDto>>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        groups.MapPost("/{id:guid}/publish", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new PublishMentorGroupCommand(id), ct))
            .WithSummary("Publish the mentor list; 422 listing uncovered students (R1)")
            .Produces<MentorGroupDto>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        groups.MapGet("/{id:guid}/published-list", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetPublishedListQuery(id), ct))
            .WithSummary("The published mentor list (R6): students of the class and group members")
            .Produces<PublishedListDto>();

        school.MapGet("/teachers/{teacherId:guid}/mentees", (Guid teacherId, ISender sender, CancellationToken ct, Guid? semesterId = null) =>
                sender.Send(new GetMenteesQuery(teacherId, semesterId), ct))
            .WithTags("Mentor groups")
            .WithSummary("A teacher's mentees (that teacher, school admin)")
            .Produces<IReadOnlyList<PairingDto>>();
        school.MapGet("/students/{studentId:guid}/mentors", (Guid studentId, ISender sender, CancellationToken ct, Guid? semesterId = null) =>
                sender.Send(new GetStudentMentorsQuery(studentId, semesterId), ct))
            .WithTags("Mentor groups")
            .WithSummary("A student's mentors (the student, head teacher, school admin)")
            .Produces<IReadOnlyList<PairingDto>>();
        return school;
    }

    public sealed record MentorToAdd(Guid TeacherId);

    public sealed record SelectionWindow(DateOnly ClosesOn);

    public sealed record StudentRanking(IReadOnlyList<Guid> RankedMentorIds);

    public sealed record MentorWelcomes(IReadOnlyList<Guid> WelcomedStudentIds);

    public sealed record AssignmentUpdate(IReadOnlyList<Guid> MentorIds);
}
