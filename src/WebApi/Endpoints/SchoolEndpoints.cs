using Mediator;
using MentorCloud.Domain.Archives;
using MentorCloud.Application.Auditing.Queries.GetAuditLog;
using MentorCloud.Application.Classes;
using MentorCloud.Application.Classes.Commands.CreateClass;
using MentorCloud.Application.Classes.Commands.UpdateClass;
using MentorCloud.Application.Classes.Queries.GetClass;
using MentorCloud.Application.Classes.Queries.GetClasses;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Policies.Commands.UpdateSchoolPolicy;
using MentorCloud.Application.Policies.Queries.GetPolicyHistory;
using MentorCloud.Application.Policies.Queries.GetSchoolPolicy;
using MentorCloud.Domain.Policies;
using MentorCloud.Application.Semesters;
using MentorCloud.Application.Semesters.Commands.CreateSemester;
using MentorCloud.Application.Semesters.Queries.GetCurrentSemester;
using MentorCloud.Application.Semesters.Queries.GetSemesters;
using MentorCloud.Application.Teachers;
using MentorCloud.Application.Teachers.Commands.CreateTeacher;
using MentorCloud.Application.Teachers.Commands.DeactivateTeacher;
using MentorCloud.Application.Teachers.Commands.UpdateTeacher;
using MentorCloud.Application.Teachers.Queries.GetTeacher;
using MentorCloud.Application.Teachers.Queries.GetTeachers;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>Routes inside one school (tenant): <c>/api/v1/schools/{school}/…</c>.</summary>
public static class SchoolEndpoints
{
    public const string SchoolPrefix = "/schools/{school}";

    public static RouteGroupBuilder MapSchoolEndpoints(this RouteGroupBuilder api)
    {
        var school = api.MapGroup(SchoolPrefix);
        school.MapPolicy();
        school.MapSemesters();
        school.MapTeachers();
        school.MapClasses();
        school.MapStudentEndpoints();
        school.MapArchiveEndpoints();
        school.MapRosterEndpoints();
        school.MapMentorGroupEndpoints();
        school.MapReportEndpoints();
        school.MapActivityEndpoints();
        school.MapProgressEndpoints();
        school.MapAudit();
        school.MapWebhookEndpoints();
        return api;
    }

    /// <summary>The <c>Location</c> of a resource created under the current school.</summary>
    public static string SchoolLocation(this HttpContext http, string path) => $"/api/v1/schools/{http.GetRouteValue("school")}/{path}";

    private static void MapPolicy(this RouteGroupBuilder school)
    {
        var policy = school.MapGroup("/policy").WithTags("Policy");
        policy.MapGet("/", (ISender sender, CancellationToken ct) => sender.Send(new GetSchoolPolicyQuery(), ct))
            .WithSummary("The policy in force (any school user)")
            .Produces<SchoolPolicyDto>();
        policy.MapPut("/", (PolicySettings settings, ISender sender, CancellationToken ct) => sender.Send(new UpdateSchoolPolicyCommand(settings), ct))
            .WithSummary("Change the policy within the district's ceilings (R3, R14); 422 beyond them")
            .WithRequestExample(new PolicySettings(MaxStudentsPerMentor: 12, MaxMentorsPerStudent: 3, MaxPreferences: 3, MinTalks: 2, MinParentContacts: 1,
                MinEvaluations: 1, MonthlyReportRequired: true, ReminderDaysBeforeEnd: [30, 14, 7, 1], MonthlyReportReminderDay: 25, RequireGuardianConsent: true))
            .Produces<SchoolPolicyDto>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        policy.MapGet("/history", (ISender sender, CancellationToken ct) => sender.Send(new GetPolicyHistoryQuery(), ct))
            .WithSummary("Every version of the policy, newest first")
            .Produces<IReadOnlyList<SchoolPolicyVersionDto>>();
    }

    private static void MapSemesters(this RouteGroupBuilder school)
    {
        var semesters = school.MapGroup("/semesters").WithTags("Semesters");
        semesters.MapPost("/", async (CreateSemesterCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var semester = await sender.Send(command, ct);
                return TypedResults.Created(http.SchoolLocation($"semesters/{semester.Id}"), semester);
            })
            .WithSummary("Add a semester; 409 when it overlaps another")
            .WithRequestExample(new CreateSemesterCommand("2026学年第一学期", new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 22)));
        semesters.MapGet("/", (ISender sender, CancellationToken ct, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetSemestersQuery(page, pageSize), ct))
            .WithSummary("The school's semesters, newest first")
            .Produces<PagedList<SemesterDto>>();
        semesters.MapGet("/current", (ISender sender, CancellationToken ct) => sender.Send(new GetCurrentSemesterQuery(), ct))
            .WithName("getCurrentSemester")
            .WithSummary("The semester containing today (China Standard Time); 404 between semesters")
            .Produces<SemesterDto>();
    }

    private static void MapTeachers(this RouteGroupBuilder school)
    {
        var teachers = school.MapGroup("/teachers").WithTags("Teachers");
        teachers.MapPost("/", async (CreateTeacherCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var teacher = await sender.Send(command, ct);
                return TypedResults.Created(http.SchoolLocation($"teachers/{teacher.Id}"), teacher);
            })
            .WithSummary("Add a teacher, optionally with a login (role teacher)")
            .WithRequestExample(new CreateTeacherCommand("李娜", "T2015031", ["语文"], new NewAccount("lina", "Lina2026yw")));
        teachers.MapGet("/", (ISender sender, CancellationToken ct, string? search = null, bool includeInactive = false, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetTeachersQuery(search, includeInactive, page, pageSize), ct))
            .WithSummary("The school's teachers")
            .Produces<PagedList<TeacherDto>>();
        teachers.MapGet("/{id:guid}", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetTeacherQuery(id), ct))
            .WithSummary("A teacher")
            .Produces<TeacherDto>();
        teachers.MapPut("/{id:guid}", (Guid id, TeacherUpdate body, ISender sender, CancellationToken ct) =>
                sender.Send(new UpdateTeacherCommand(id, body.Name, body.Subjects, body.ClassIds), ct))
            .WithSummary("Correct a teacher's name, subjects and the classes they teach")
            .Produces<TeacherDto>();
        teachers.MapPost("/{id:guid}/deactivate", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new DeactivateTeacherCommand(id), ct))
            .WithSummary("A teacher who left: no sign-in, no new mentees; history stays")
            .Produces<TeacherDto>();
    }

    private static void MapClasses(this RouteGroupBuilder school)
    {
        var classes = school.MapGroup("/classes").WithTags("Classes");
        classes.MapPost("/", async (CreateClassCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var created = await sender.Send(command, ct);
                return TypedResults.Created(http.SchoolLocation($"classes/{created.Id}"), created);
            })
            .WithSummary("Add a class with its head teacher (班主任); one class per head teacher and school year")
            .WithRequestExample(new CreateClassCommand("七年级(3)班", Grade: 7, ApiExamples.HeadTeacherId, SchoolYear: 2026));
        classes.MapGet("/", (ISender sender, CancellationToken ct, int? schoolYear = null, int? grade = null, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetClassesQuery(schoolYear, grade, page, pageSize), ct))
            .WithSummary("The school's classes")
            .Produces<PagedList<ClassDto>>();
        classes.MapGet("/{id:guid}", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetClassQuery(id), ct))
            .WithSummary("A class")
            .Produces<ClassDto>();
        classes.MapPut("/{id:guid}", (Guid id, ClassUpdate body, ISender sender, CancellationToken ct) =>
                sender.Send(new UpdateClassCommand(id, body.Name, body.Grade, body.HeadTeacherId), ct))
            .WithSummary("Rename a class, change its grade or head teacher")
            .Produces<ClassDto>();
    }

    private static void MapAudit(this RouteGroupBuilder school) =>
        school.MapGet("/audit", (ISender sender, CancellationToken ct, Guid? studentId = null, Guid? actorId = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
                    string? section = null, string? action = null, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetAuditLogQuery(studentId, actorId, from, to, EnumQueryParameters.Parse<ArchiveSection>(section, nameof(section)), action,
                    page, pageSize), ct))
            .WithTags("Audit")
            .WithSummary("Who read or changed what, when: the school's audit log, newest first (school-admin)")
            .Produces<PagedList<AuditEntryDto>>()
            .WithEnumQuery<ArchiveSection>("section");

    public sealed record TeacherUpdate(string Name, IReadOnlyList<string>? Subjects, IReadOnlyList<Guid>? ClassIds);

    public sealed record ClassUpdate(string Name, int Grade, Guid HeadTeacherId);
}
