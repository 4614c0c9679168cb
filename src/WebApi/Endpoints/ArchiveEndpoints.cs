using Mediator;
using MentorCloud.Application.Archives;
using MentorCloud.Application.Archives.Commands;
using MentorCloud.Application.Archives.Queries;
using MentorCloud.Application.Common.Models;
using MentorCloud.Domain.Archives;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>The guidance archive (R7, R8): sections with ETag/If-Match, history, goals, guardian consent, export and erasure.</summary>
public static class ArchiveEndpoints
{
    public static RouteGroupBuilder MapArchiveEndpoints(this RouteGroupBuilder school)
    {
        var student = school.MapGroup("/students/{id:guid}").WithTags("Archives");

        student.MapGet("/archive", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var archive = await sender.Send(new GetArchiveQuery(id), ct);
                http.Response.Headers.ETag = VersionTag.Of(archive.Version);
                return archive;
            })
            .WithSummary("The student's archive, every section (current mentors, head teacher, school admin; a former mentor sees what they wrote); audited")
            .Produces<StudentArchiveDto>()
            .WithETag();

        MapSection<FamilySection>(student, "family", "家庭情况: structure, guardians, situation analysis (encrypted at rest)");
        MapSection<HealthSection>(student, "health", "身体状况 (encrypted at rest)");
        MapSection<PersonalitySection>(student, "personality", "个性特点");
        MapSection<InterestsSection>(student, "interests", "兴趣特长");
        MapSection<MoralsSection>(student, "morals", "思想品质");
        MapSection<HabitsSection>(student, "habits", "行为习惯");
        MapSection<PsychologySection>(student, "psychology", "心理状况 (encrypted at rest)");
        MapSection<AcademicsSection>(student, "academics", "学业情况: per subject per term");
        MapSection<DifficultiesSection>(student, "difficulties", "困难与问题: thought, study, life");

        student.MapGet("/archive/history", (Guid id, ISender sender, CancellationToken ct, string? section = null,
                    int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetArchiveHistoryQuery(id, EnumQueryParameters.Parse<ArchiveSection>(section, nameof(section)), page, pageSize), ct))
            .WithSummary("Earlier versions with author and time, newest first; audited")
            .Produces<PagedList<ArchiveVersionDto>>()
            .WithEnumQuery<ArchiveSection>("section");
        student.MapGet("/archive/export", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new ExportArchiveQuery(id), ct))
            .WithSummary("The whole archive with history, goals and consents as one document, for a guardian's request (school-admin); audited")
            .Produces<ArchiveExportDto>();
        student.MapPost("/archive/erase", (Guid id, ArchiveErasure body, ISender sender, CancellationToken ct) =>
                sender.Send(new EraseArchiveCommand(id, body.Reason), ct))
            .WithSummary("Remove the archive's contents for a departed student or after withdrawn consent, keeping the audit trail (school-admin)")
            .Produces<StudentArchiveDto>();

        student.MapPut("/guardian-consent", (Guid id, GuardianConsentGrant body, ISender sender, CancellationToken ct) =>
                sender.Send(new RecordGuardianConsentCommand(id, body.GuardianName, body.Relation, body.GrantedOn, body.Method, body.Scopes), ct))
            .WithSummary("Record a guardian's consent to keep the archive (PIPL, under 14): school-admin, head teacher")
            .Produces<GuardianConsentStatusDto>();
        student.MapGet("/guardian-consent", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetGuardianConsentQuery(id), ct))
            .WithSummary("The consent in force and its history")
            .Produces<GuardianConsentStatusDto>();
        student.MapDelete("/guardian-consent", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new WithdrawGuardianConsentCommand(id), ct))
            .WithSummary("Record the withdrawal of consent: archive writes stop")
            .Produces<GuardianConsentStatusDto>();

        student.MapPost("/goals", async (Guid id, GoalDraft body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var goal = await sender.Send(new SetGoalCommand(id, body.Kind, body.Title, body.TargetDate), ct);
                return TypedResults.Created(http.SchoolLocation($"students/{id}/goals/{goal.Id}"), goal);
            })
            .WithSummary("Set a long-term or stage goal (mentors, head teacher, the student)");
        student.MapGet("/goals", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetGoalsQuery(id), ct))
            .WithSummary("The student's goals (mentors, head teacher, school admin, the student, their guardians)")
            .Produces<IReadOnlyList<GoalDto>>();
        student.MapGet("/goals/{goalId:guid}", (Guid id, Guid goalId, ISender sender, CancellationToken ct) => sender.Send(new GetGoalQuery(id, goalId), ct))
            .WithSummary("One goal with its progress notes")
            .Produces<GoalDto>();
        student.MapPatch("/goals/{goalId:guid}", (Guid id, Guid goalId, GoalUpdate body, ISender sender, CancellationToken ct) =>
                sender.Send(new UpdateGoalCommand(id, goalId, body.Status, body.ProgressNote), ct))
            .WithSummary("Change a goal's status and/or add a progress note")
            .Produces<GoalDto>();
        return school;
    }

    private static void MapSection<T>(RouteGroupBuilder student, string name, string summary) where T : class =>
        student.MapPut($"/archive/{name}", async (Guid id, T body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                // Checked after the caller's reach, so an outsider learns nothing from 412/428: the header goes to the handler as sent.
                var version = await sender.Send(new WriteArchiveSectionCommand(id, body, http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = VersionTag.Of(version.Version);
                return version;
            })
            .WithSummary($"Write the {name} section as a new version: {summary}; If-Match required (412 stale, 428 missing)")
            .Produces<ArchiveVersionDto>()
            .WithETag()
            .RequiresIfMatch();

    public sealed record ArchiveErasure(string Reason);

    public sealed record GuardianConsentGrant(string GuardianName, string Relation, DateOnly GrantedOn, ConsentMethod Method, IReadOnlyList<ConsentScope> Scopes);

    public sealed record GoalDraft(GoalKind Kind, string Title, DateOnly? TargetDate);

    public sealed record GoalUpdate(GoalStatus? Status, string? ProgressNote);
}
