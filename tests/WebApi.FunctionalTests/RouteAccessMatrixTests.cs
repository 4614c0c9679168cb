using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static MentorCloud.WebApi.FunctionalTests.Infrastructure.Caller;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// Every endpoint of the running app against every kind of caller: 401 anonymous, 403 when the role may never send the
/// request, 404 when the target is out of the caller's reach (SPEC: "Anything outside a caller's reach answers 404"),
/// and an answer past the access checks (2xx, or a 4xx about the request itself) when the caller may send it.
/// </summary>
public abstract class RouteAccessMatrixTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    // Labelled with the whole route: the default display name cuts a string argument at 50 characters, and routes that
    // share their first 50 would be told apart by nothing but their hidden ids.
    public static IEnumerable<TheoryDataRow<string>> Routes => RouteAccessTable.Entries.Select(e => new TheoryDataRow<string>(e.Key) { Label = e.Key });

    [Fact]
    public void Every_endpoint_of_the_app_has_an_entry_in_the_access_table()
    {
        var endpoints = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => RouteAccessTable.KeyOf(m, e.RoutePattern.RawText)))
            .Distinct().Order().ToList();

        endpoints.Count.ShouldBeGreaterThan(40);
        var missing = endpoints.Where(e => !RouteAccessTable.Entries.Any(entry => entry.Key == e)).ToList();
        missing.ShouldBeEmpty($"endpoints without an entry in {nameof(RouteAccessTable)}: say who may call them:\n{string.Join("\n", missing)}");
        var stale = RouteAccessTable.Entries.Select(e => e.Key).Except(endpoints).ToList();
        stale.ShouldBeEmpty($"entries of {nameof(RouteAccessTable)} without an endpoint:\n{string.Join("\n", stale)}");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_caller_gets_the_answer_their_role_and_reach_allow(string route)
    {
        var entry = RouteAccessTable.Entries.Single(e => e.Key == route);
        var world = await SecurityWorld.ForAsync(Api);
        var failures = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var expected = entry.Expected(caller);
            var client = await world.ClientAsync(caller);
            using var request = entry.Request(world);
            using var response = await client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (expected.Check(response, text, entry.Target?.Invoke(world)) is { } failure)
                failures.Add($"{caller}: expected {expected}, got {(int)response.StatusCode} {failure} {Excerpt(text)}");
        }
        failures.ShouldBeEmpty($"{route}:\n{string.Join("\n", failures)}");
    }

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "…" : text;
}

public sealed class RouteAccessMatrixTestsOnSqlite(SqliteApp app) : RouteAccessMatrixTests<SqliteApp>(app);

public sealed class RouteAccessMatrixTestsOnPostgres(PostgresApp app) : RouteAccessMatrixTests<PostgresApp>(app);

/// <summary>What a caller should be answered.</summary>
public abstract record Expect
{
    public static readonly Expect Allowed = new AllowedAnswer();
    public static readonly Expect Unauthorized = new Refused(HttpStatusCode.Unauthorized);
    public static readonly Expect Forbidden = new Refused(HttpStatusCode.Forbidden);
    public static readonly Expect NotFound = new Refused(HttpStatusCode.NotFound);
    public static readonly Expect Listed = new ListAnswer(true);
    public static readonly Expect NotListed = new ListAnswer(false);

    /// <summary>Null when the answer is as expected, else what is wrong with it.</summary>
    public abstract string? Check(HttpResponseMessage response, string body, Guid? target);

    protected static string? ProblemDetailsFault(HttpResponseMessage response, string body) => ResponseAssertions.ProblemDetailsFault(response, body);

    /// <summary>Past every access check: a success, or a refusal about the request itself (validation, state, a rule).</summary>
    private sealed record AllowedAnswer : Expect
    {
        private static readonly HttpStatusCode[] RequestFaults =
            [HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed, HttpStatusCode.UnprocessableEntity];

        public override string? Check(HttpResponseMessage response, string body, Guid? target) =>
            response.IsSuccessStatusCode ? null
            : response.RequestMessage?.Method != HttpMethod.Get && RequestFaults.Contains(response.StatusCode) ? ProblemDetailsFault(response, body)
            : "";

        public override string ToString() => "allowed (2xx, or 400/409/412/422 for a write)";
    }

    private sealed record Refused(HttpStatusCode Status) : Expect
    {
        public override string? Check(HttpResponseMessage response, string body, Guid? target) =>
            response.StatusCode == Status ? ProblemDetailsFault(response, body) : "";

        public override string ToString() => $"{(int)Status}";
    }

    /// <summary>A list the caller may read, which does or does not show the target.</summary>
    private sealed record ListAnswer(bool Shown) : Expect
    {
        public override string? Check(HttpResponseMessage response, string body, Guid? target) =>
            response.StatusCode != HttpStatusCode.OK ? ""
            : body.Contains(target!.Value.ToString(), StringComparison.OrdinalIgnoreCase) == Shown ? null
            : Shown ? "(the target is missing from the list)" : "(the list shows the target)";

        public override string ToString() => Shown ? "200 listing the target" : "200 without the target";
    }
}

/// <summary>One endpoint: how to call it as a harmless request, and who may.</summary>
public sealed record RouteAccess(string Key, Func<SecurityWorld, HttpRequestMessage> Request, Func<Caller, Expect> Expected, Func<SecurityWorld, Guid>? Target = null);

/// <summary>
/// Who may call each endpoint, from API.md and SPEC.md. A new endpoint fails
/// <c>Every_endpoint_of_the_app_has_an_entry_in_the_access_table</c> until it is added here. Requests are built so that,
/// when allowed, they change nothing the other cases rely on (targets that may be spent, duplicates answered 409).
/// </summary>
public static class RouteAccessTable
{
    private const string Api = "/api/v1";
    private const string School = Api + "/schools/{school}";

    private static readonly Caller[] InSchool =
        [SchoolAdminOwn, HeadTeacherOwnClass, HeadTeacherOtherClass, MentorCurrent, MentorFormer, MentorUnrelated, StudentSelf, StudentOther];

    private enum Role { Platform, District, SchoolAdmin, Teacher, Student }

    private static Role? RoleOf(Caller caller) => caller switch
    {
        Anonymous => null,
        PlatformAdmin => Role.Platform,
        DistrictAdminOwn or DistrictAdminOther => Role.District,
        SchoolAdminOwn or SchoolAdminOther => Role.SchoolAdmin,
        StudentSelf or StudentOther => Role.Student,
        _ => Role.Teacher,
    };

    public static string KeyOf(string method, string? pattern) => $"{method} {(pattern is { Length: > 1 } p ? p.TrimEnd('/') : pattern)}";

    public static readonly IReadOnlyList<RouteAccess> Entries =
    [
        Entry("GET", "/health/live", Public, _ => Get("/health/live")),
        Entry("GET", "/health/ready", Public, _ => Get("/health/ready")),
        Entry("GET", "/openapi/{documentName}.json", Public, _ => Get("/openapi/v1.json")),
        Entry("GET", "/scalar/{documentName?}", Public, _ => Get("/scalar/v1")),
        Entry("GET", "/scalar/scalar.js", Public, _ => Get("/scalar/scalar.js")),
        Entry("GET", "/scalar/scalar.aspnetcore.js", Public, _ => Get("/scalar/scalar.aspnetcore.js")),
        Entry("GET", "/scalar/favicon.svg", Public, _ => Get("/scalar/favicon.svg")),
        Entry("POST", Api + "/auth/token", Public, w => Send("POST", "/api/v1/auth/token", new { username = w.SchoolAdminLogin.User, password = w.SchoolAdminLogin.Password })),
        Entry("GET", Api + "/me", AnyUser, _ => Get("/api/v1/me")),
        Entry("GET", Api + "/me/notifications", AnyUser, _ => Get("/api/v1/me/notifications")),
        // Nobody's notification: past the access checks every user is told it does not exist.
        Entry("POST", Api + "/me/notifications/{id:guid}/read", c => c == Anonymous ? Expect.Unauthorized : Expect.NotFound,
            _ => Send("POST", $"/api/v1/me/notifications/{Guid.CreateVersion7()}/read")),

        Entry("POST", Api + "/districts", District([Role.Platform], PlatformAdmin),
            _ => Send("POST", "/api/v1/districts", new { code = TestApi.UniqueCode("d"), name = "区", admin = NewAdmin() })),
        Entry("GET", Api + "/districts", District([Role.Platform], PlatformAdmin), _ => Get("/api/v1/districts")),
        Entry("GET", Api + "/districts/{district}", District([Role.Platform, Role.District], PlatformAdmin, DistrictAdminOwn),
            w => Get($"/api/v1/districts/{w.School.District}")),
        Entry("GET", Api + "/districts/{district}/policy-limits", District([Role.District], DistrictAdminOwn),
            w => Get($"/api/v1/districts/{w.School.District}/policy-limits")),
        Entry("PUT", Api + "/districts/{district}/policy-limits", District([Role.District], DistrictAdminOwn),
            w => Send("PUT", $"/api/v1/districts/{w.School.District}/policy-limits", new { maxStudentsPerMentorCeiling = 15, maxMentorsPerStudentCeiling = 3 })),
        Entry("POST", Api + "/districts/{district}/schools", District([Role.District], DistrictAdminOwn),
            w => Send("POST", $"/api/v1/districts/{w.School.District}/schools", new { code = TestApi.UniqueCode("s"), name = "校", admin = NewAdmin() })),
        Entry("GET", Api + "/districts/{district}/schools", District([Role.District], DistrictAdminOwn), w => Get($"/api/v1/districts/{w.School.District}/schools")),
        Entry("GET", Api + "/districts/{district}/statistics", District([Role.District], DistrictAdminOwn), w => Get($"/api/v1/districts/{w.School.District}/statistics")),
        Entry("POST", Api + "/districts/{district}/statistics/refresh", District([Role.District], DistrictAdminOwn),
            w => Send("POST", $"/api/v1/districts/{w.School.District}/statistics/refresh")),
        Entry("GET", Api + "/districts/{district}/statistics/export", District([Role.District], DistrictAdminOwn),
            w => Get($"/api/v1/districts/{w.School.District}/statistics/export?format=csv")),
        Entry("GET", Api + "/database-servers", District([Role.Platform, Role.District], PlatformAdmin, DistrictAdminOwn, DistrictAdminOther),
            _ => Get("/api/v1/database-servers")),

        Entry("GET", School + "/policy", AnySchoolUser, w => Get(w.School.Route("policy"))),
        Entry("PUT", School + "/policy", AdminOnly, w => Send("PUT", w.School.Route("policy"), new
        {
            maxStudentsPerMentor = 15, maxMentorsPerStudent = 3, maxPreferences = 3, minTalks = 1, minParentContacts = 1, minEvaluations = 1,
            monthlyReportRequired = true, reminderDaysBeforeEnd = new[] { 30, 14, 7, 1 }, monthlyReportReminderDay = 25, requireGuardianConsent = true,
        })),
        Entry("GET", School + "/policy/history", AdminOnly, w => Get(w.School.Route("policy/history"))),
        Entry("POST", School + "/semesters", AdminOnly, w => Send("POST", w.School.Route("semesters"),
            new { label = "重叠", startsOn = Today.ToString("yyyy-MM-dd"), endsOn = Today.AddDays(30).ToString("yyyy-MM-dd") })),
        Entry("GET", School + "/semesters", AnySchoolUser, w => Get(w.School.Route("semesters"))),
        Entry("GET", School + "/semesters/current", AnySchoolUser, w => Get(w.School.Route("semesters/current"))),

        Entry("POST", School + "/teachers", AdminOnly, w => Send("POST", w.School.Route("teachers"), new { name = "新老师", employeeNo = TestApi.UniqueCode("T"), subjects = new[] { "数学" } })),
        Entry("GET", School + "/teachers", Staff, w => Get(w.School.Route("teachers"))),
        Entry("GET", School + "/teachers/{id:guid}", Staff, w => Get(w.School.Route($"teachers/{w.MentorId}"))),
        Entry("PUT", School + "/teachers/{id:guid}", AdminOnly, w => Send("PUT", w.School.Route($"teachers/{w.SpareTeacherId}"), new { name = "备用老师", subjects = new[] { "音乐" } })),
        Entry("POST", School + "/teachers/{id:guid}/deactivate", AdminOnly, w => Send("POST", w.School.Route($"teachers/{w.SpareTeacherId}/deactivate"))),
        Entry("GET", School + "/teachers/{teacherId:guid}/mentees", Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, MentorCurrent),
            w => Get(w.School.Route($"teachers/{w.MentorId}/mentees"))),

        Entry("POST", School + "/classes", AdminOnly, w => Send("POST", w.School.Route("classes"), new { name = TestApi.UniqueCode("班"), grade = 7, headTeacherId = w.HeadTeacherId })),
        Entry("GET", School + "/classes", Staff, w => Get(w.School.Route("classes"))),
        Entry("GET", School + "/classes/{id:guid}", Staff, w => Get(w.School.Route($"classes/{w.ClassId}"))),
        Entry("PUT", School + "/classes/{id:guid}", AdminOnly, w => Send("PUT", w.School.Route($"classes/{w.ClassId}"), new { name = "七年级一班", grade = 7, headTeacherId = w.HeadTeacherId })),

        Entry("POST", School + "/students", AdminOnly, w => Send("POST", w.School.Route("students"),
            new { name = "新同学", studentNo = TestApi.UniqueCode("S"), classId = w.OtherClassId, gender = "male", attentionFlags = Array.Empty<string>(), guardians = Array.Empty<object>() })),
        Entry("GET", School + "/students", List([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent),
            w => Get(w.School.Route("students")), w => w.StudentId),
        Entry("GET", School + "/students/{id:guid}", Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent),
            w => Get(w.School.Route($"students/{w.StudentId}"))),
        Entry("PUT", School + "/students/{id:guid}", AdminOnly, w => Send("PUT", w.School.Route($"students/{w.StudentId}"),
            new { name = "王小红", gender = "female", guardians = new[] { new { name = "王母", relation = "母亲", phone = "13900000000" } } })),
        Entry("POST", School + "/students/{id:guid}/transfer", AdminOnly, w => Send("POST", w.School.Route($"students/{w.SpareStudentId}/transfer"), new { classId = w.OtherClassId })),
        Entry("POST", School + "/students/{id:guid}/deactivate", AdminOnly, w => Send("POST", w.School.Route($"students/{w.SpareStudentId}/deactivate"))),
        Entry("PUT", School + "/students/{id:guid}/attention-flags", Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass),
            w => Send("PUT", w.School.Route($"students/{w.StudentId}/attention-flags"), new { flags = new[] { "leftBehind" } })),
        Entry("GET", School + "/students/{studentId:guid}/mentors", Reach([Role.SchoolAdmin, Role.Teacher, Role.Student], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, StudentSelf),
            w => Get(w.School.Route($"students/{w.StudentId}/mentors"))),

        Entry("POST", School + "/roster/import", AdminOnly, w => new HttpRequestMessage(HttpMethod.Post, w.School.Route("roster/import?dryRun=true"))
        {
            Content = new MultipartFormDataContent { { new StringContent("name,employeeNo\n"), "file", "teachers.csv" } },
        }),
        Entry("GET", School + "/roster/template", AdminOnly, w => Get(w.School.Route("roster/template"))),
        Entry("GET", School + "/audit", AdminOnly, w => Get(w.School.Route("audit"))),
        Entry("POST", School + "/webhooks", AdminOnly, w => Send("POST", w.School.Route("webhooks"),
            new { url = "http://10.0.0.1/hook", events = new[] { "student.left" }, secret = "whsec-0123456789abcdef" })),
        Entry("GET", School + "/webhooks", AdminOnly, w => Get(w.School.Route("webhooks"))),
        Entry("DELETE", School + "/webhooks/{id:guid}", AdminOnly, w => Send("DELETE", w.School.Route($"webhooks/{w.SpareWebhookId}"))),
        Entry("GET", School + "/webhooks/{id:guid}/deliveries", AdminOnly, w => Get(w.School.Route($"webhooks/{w.WebhookId}/deliveries"))),

        Entry("POST", School + "/mentor-groups", HeadTeacherOrAdmin,
            w => Send("POST", w.School.Route("mentor-groups"), new { classId = w.ClassId, semesterId = w.SemesterId, mentorIds = new[] { w.MentorId } })),
        Entry("GET", School + "/mentor-groups", List([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, MentorFormer),
            w => Get(w.School.Route("mentor-groups")), w => w.GroupId),
        Entry("GET", School + "/mentor-groups/{id:guid}", Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, MentorFormer),
            w => Get(w.School.Route($"mentor-groups/{w.GroupId}"))),
        Entry("POST", School + "/mentor-groups/{id:guid}/mentors", HeadTeacherOrAdmin,
            w => Send("POST", w.School.Route($"mentor-groups/{w.GroupId}/mentors"), new { teacherId = w.MentorId })),
        Entry("DELETE", School + "/mentor-groups/{id:guid}/mentors/{teacherId:guid}", HeadTeacherOrAdmin,
            w => Send("DELETE", w.School.Route($"mentor-groups/{w.GroupId}/mentors/{w.MentorId}"))),
        Entry("POST", School + "/mentor-groups/{id:guid}/open-selection", HeadTeacherOrAdmin,
            w => Send("POST", w.School.Route($"mentor-groups/{w.GroupId}/open-selection"), new { closesOn = Today.AddDays(7).ToString("yyyy-MM-dd") })),
        Entry("PUT", School + "/mentor-groups/{id:guid}/preferences/{studentId:guid}", Reach([Role.SchoolAdmin, Role.Teacher, Role.Student], SchoolAdminOwn, HeadTeacherOwnClass, StudentSelf),
            w => Send("PUT", w.School.Route($"mentor-groups/{w.GroupId}/preferences/{w.StudentId}"), new { rankedMentorIds = new[] { w.MentorId } })),
        Entry("PUT", School + "/mentor-groups/{id:guid}/mentor-preferences/{teacherId:guid}", Reach([Role.Teacher], MentorCurrent),
            w => Send("PUT", w.School.Route($"mentor-groups/{w.GroupId}/mentor-preferences/{w.MentorId}"), new { welcomedStudentIds = new[] { w.StudentId } })),
        Entry("POST", School + "/mentor-groups/{id:guid}/match", HeadTeacherOrAdmin, w => Send("POST", w.School.Route($"mentor-groups/{w.GroupId}/match"))),
        Entry("PUT", School + "/mentor-groups/{id:guid}/assignments/{studentId:guid}", HeadTeacherOrAdmin,
            w => Send("PUT", w.School.Route($"mentor-groups/{w.GroupId}/assignments/{w.StudentId}"), new { mentorIds = new[] { w.MentorId } })),
        Entry("POST", School + "/mentor-groups/{id:guid}/publish", HeadTeacherOrAdmin, w => Send("POST", w.School.Route($"mentor-groups/{w.GroupId}/publish"))),
        Entry("GET", School + "/mentor-groups/{id:guid}/published-list",
            Reach([Role.SchoolAdmin, Role.Teacher, Role.Student], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, MentorFormer, StudentSelf),
            w => Get(w.School.Route($"mentor-groups/{w.GroupId}/published-list"))),
        Entry("GET", School + "/students/{id:guid}/archive", ArchiveReaders, w => Get(w.School.Route($"students/{w.StudentId}/archive"))),
        .. ArchiveSectionNames().Select(section => Entry("PUT", School + $"/students/{{id:guid}}/archive/{section}", ArchiveWriters,
            w => IfMatch(Send("PUT", w.School.Route($"students/{w.StudentId}/archive/{section}"), new { notes = "今天表现不错" }), "\"999\""))),
        Entry("GET", School + "/students/{id:guid}/archive/history", ArchiveReaders, w => Get(w.School.Route($"students/{w.StudentId}/archive/history"))),
        Entry("GET", School + "/students/{id:guid}/archive/export", AdminOnly, w => Get(w.School.Route($"students/{w.StudentId}/archive/export"))),
        Entry("POST", School + "/students/{id:guid}/archive/erase", AdminOnly,
            w => Send("POST", w.School.Route($"students/{w.SpareStudentId}/archive/erase"), new { reason = "学生已转学" })),
        Entry("PUT", School + "/students/{id:guid}/guardian-consent", HeadTeacherOrAdmin, w => Send("PUT", w.School.Route($"students/{w.StudentId}/guardian-consent"), new
        {
            guardianName = "王母", relation = "母亲", grantedOn = Today.AddDays(-1).ToString("yyyy-MM-dd"), method = "online",
            scopes = new[] { "archive", "sensitiveSections", "goals" },
        })),
        Entry("GET", School + "/students/{id:guid}/guardian-consent", HeadTeacherOrAdmin, w => Get(w.School.Route($"students/{w.StudentId}/guardian-consent"))),
        Entry("DELETE", School + "/students/{id:guid}/guardian-consent", HeadTeacherOrAdmin,
            w => TestRequests.Empty("DELETE", w.School.Route($"students/{w.StudentId}/guardian-consent"))),
        Entry("POST", School + "/students/{id:guid}/goals", GoalKeepers,
            w => Send("POST", w.School.Route($"students/{w.StudentId}/goals"), new { kind = "longTerm", title = "考上理想的高中" })),
        Entry("GET", School + "/students/{id:guid}/goals", GoalKeepers, w => Get(w.School.Route($"students/{w.StudentId}/goals"))),
        Entry("GET", School + "/students/{id:guid}/goals/{goalId:guid}", GoalKeepers, w => Get(w.School.Route($"students/{w.StudentId}/goals/{w.GoalId}"))),
        Entry("PATCH", School + "/students/{id:guid}/goals/{goalId:guid}", GoalKeepers,
            w => Send("PATCH", w.School.Route($"students/{w.StudentId}/goals/{w.GoalId}"), new { progressNote = "本周坚持了五天" })),

        // The student already handed in this month's report: the student's own post answers 409, past every access check.
        Entry("POST", School + "/students/{id:guid}/monthly-reports", Reach([Role.Student], StudentSelf),
            w => Send("POST", w.School.Route($"students/{w.StudentId}/monthly-reports"), new { month = Today.ToString("yyyy-MM"), content = "又交一次" })),
        Entry("GET", School + "/students/{id:guid}/monthly-reports", ReportReaders, w => Get(w.School.Route($"students/{w.StudentId}/monthly-reports"))),
        Entry("GET", School + "/students/{id:guid}/monthly-reports/{reportId:guid}", ReportReaders,
            w => Get(w.School.Route($"students/{w.StudentId}/monthly-reports/{w.MonthlyReportId}"))),
        Entry("POST", School + "/students/{id:guid}/monthly-reports/{reportId:guid}/comments", Reach([Role.Teacher], MentorCurrent),
            w => Send("POST", w.School.Route($"students/{w.StudentId}/monthly-reports/{w.MonthlyReportId}/comments"), new { text = "继续保持!" })),

        // The student evaluated their mentor already (409); the other student never had them as mentor (422 R11).
        Entry("POST", School + "/mentor-evaluations", Reach([Role.Student], StudentSelf, StudentOther), w => Send("POST", w.School.Route("mentor-evaluations"),
            new { mentorId = w.MentorId, semesterId = w.SemesterId, scores = new { care = 4, guidance = 4, communication = 4 }, comment = "再评一次" })),
        Entry("GET", School + "/mentor-evaluations", List([Role.SchoolAdmin, Role.Student], SchoolAdminOwn, StudentSelf),
            w => Get(w.School.Route("mentor-evaluations")), w => w.EvaluationId),
        Entry("GET", School + "/mentor-evaluations/{evaluationId:guid}", Reach([Role.SchoolAdmin, Role.Student], SchoolAdminOwn, StudentSelf),
            w => Get(w.School.Route($"mentor-evaluations/{w.EvaluationId}"))),
        Entry("GET", School + "/students/{id:guid}/progress", ReportReaders, w => Get(w.School.Route($"students/{w.StudentId}/progress?semesterId={w.SemesterId}"))),
        Entry("GET", School + "/mentors/{teacherId:guid}/progress", Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent),
            w => Get(w.School.Route($"mentors/{w.MentorId}/progress?semesterId={w.SemesterId}"))),
        Entry("GET", School + "/statistics", AdminOnly, w => Get(w.School.Route($"statistics?semesterId={w.SemesterId}"))),
        Entry("GET", School + "/reminders/preview", AdminOnly, w => Get(w.School.Route($"reminders/preview?asOf={Today:yyyy-MM-dd}"))),
        Entry("GET", School + "/mentors/{teacherId:guid}/evaluation-summary", Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, MentorCurrent),
            w => Get(w.School.Route($"mentors/{w.MentorId}/evaluation-summary?semesterId={w.SemesterId}"))),
        // The head teacher reaches the student but mentors them not: past the access checks, refused by R10 (422).
        Entry("POST", School + "/activities", Reach([Role.Teacher], MentorCurrent, HeadTeacherOwnClass),
            w => Send("POST", w.School.Route("activities"), new
            {
                kind = "talk", studentIds = new[] { w.StudentId }, semesterId = w.SemesterId, occurredOn = Today.ToString("yyyy-MM-dd"), domains = new[] { "growth" }, summary = "谈心",
            })),
        Entry("GET", School + "/activities", List([Role.SchoolAdmin, Role.Teacher, Role.Student], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, StudentSelf),
            w => Get(w.School.Route("activities")), w => w.ActivityId),
        Entry("GET", School + "/activities/{id:guid}", Reach([Role.SchoolAdmin, Role.Teacher, Role.Student], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, StudentSelf),
            w => Get(w.School.Route($"activities/{w.ActivityId}"))),
        Entry("PUT", School + "/activities/{id:guid}", ActivityAuthor,
            w => IfMatch(Send("PUT", w.School.Route($"activities/{w.ActivityId}"), new
            {
                kind = "talk", studentIds = new[] { w.StudentId }, occurredOn = Today.AddDays(-1).ToString("yyyy-MM-dd"), domains = new[] { "study" }, summary = "谈心：作业习惯",
            }), "\"999\"")),
        Entry("DELETE", School + "/activities/{id:guid}", ActivityAuthor, w => Send("DELETE", w.School.Route($"activities/{w.SpareActivityId}"))),
        Entry("POST", School + "/activities/{id:guid}/follow-ups/{followUpId:guid}/complete", ActivityAuthor,
            w => Send("POST", w.School.Route($"activities/{w.ActivityId}/follow-ups/{w.FollowUpId}/complete"))),
        Entry("GET", School + "/priority-care", PriorityCareReaders, w => Get(w.School.Route("priority-care"))),
    ];

    /// <summary>Changes of an activity: its author; others who see it are refused (403), the rest find nothing.</summary>
    private static Expect ActivityAuthor(Caller caller) => caller == HeadTeacherOwnClass
        ? Expect.Forbidden
        : Reach([Role.Teacher], MentorCurrent)(caller);

    /// <summary>Head teachers (their own classes) and school admins; a teacher who heads no class may not ask.</summary>
    private static Expect PriorityCareReaders(Caller caller) => caller is MentorCurrent or MentorFormer or MentorUnrelated
        ? Expect.Forbidden
        : Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, HeadTeacherOtherClass)(caller);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static RouteAccess Entry(string method, string pattern, Func<Caller, Expect> expected, Func<SecurityWorld, HttpRequestMessage> request,
        Func<SecurityWorld, Guid>? target = null) => new(KeyOf(method, pattern), request, expected, target);

    private static HttpRequestMessage Get(string uri) => new(HttpMethod.Get, uri);

    private static HttpRequestMessage Send(string method, string uri, object? body = null) =>
        new(new HttpMethod(method), uri) { Content = body is null ? null : JsonContent.Create(body, options: TestApi.Json) };

    private static object NewAdmin() => new { username = TestApi.UniqueCode("adm"), password = TestApi.Password, displayName = "管理员" };

    private static Expect Public(Caller caller) => Expect.Allowed;

    private static Expect AnyUser(Caller caller) => caller == Anonymous ? Expect.Unauthorized : Expect.Allowed;

    /// <summary>A platform or district route: other roles are refused, a district admin of another district is told it does not exist.</summary>
    private static Func<Caller, Expect> District(Role[] roles, params Caller[] reach) => caller =>
        caller == Anonymous ? Expect.Unauthorized
        : reach.Contains(caller) ? Expect.Allowed
        : roles.Contains(RoleOf(caller)!.Value) ? Expect.NotFound
        : Expect.Forbidden;

    /// <summary>A school route: only the school's own people get past tenant resolution; then the role, then the reach.</summary>
    private static Func<Caller, Expect> Reach(Role[] roles, params Caller[] reach) => caller =>
        caller == Anonymous ? Expect.Unauthorized
        : !InSchool.Contains(caller) ? Expect.NotFound
        : !roles.Contains(RoleOf(caller)!.Value) ? Expect.Forbidden
        : reach.Contains(caller) ? Expect.Allowed
        : Expect.NotFound;

    /// <summary>A school list: callers of a role that may read it get 200, showing the target only when it is within their reach.</summary>
    private static Func<Caller, Expect> List(Role[] roles, params Caller[] reach)
    {
        var access = Reach(roles, reach);
        return caller => access(caller) switch
        {
            var e when e == Expect.Allowed => Expect.Listed,
            var e when e == Expect.NotFound && InSchool.Contains(caller) => Expect.NotListed,
            var e => e,
        };
    }

    private static Expect AnySchoolUser(Caller caller) => Reach([Role.SchoolAdmin, Role.Teacher, Role.Student], InSchool)(caller);

    private static Expect Staff(Caller caller) => Reach([Role.SchoolAdmin, Role.Teacher], InSchool)(caller);

    private static Expect AdminOnly(Caller caller) => Reach([Role.SchoolAdmin], SchoolAdminOwn)(caller);

    private static string[] ArchiveSectionNames() => ["family", "health", "personality", "interests", "morals", "habits", "psychology", "academics", "difficulties"];

    /// <summary>R8: current mentors, the class's head teacher and school admins; a former mentor reads what they wrote.</summary>
    private static Expect ArchiveReaders(Caller caller) =>
        Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, MentorFormer)(caller);

    private static Expect ArchiveWriters(Caller caller) => Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent)(caller);

    /// <summary>The student's goals: the student and the people who write the archive.</summary>
    private static Expect GoalKeepers(Caller caller) =>
        Reach([Role.SchoolAdmin, Role.Teacher, Role.Student], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, StudentSelf)(caller);

    /// <summary>R9: the student, their current mentors, their class's head teacher and school admins read monthly reports.</summary>
    private static Expect ReportReaders(Caller caller) =>
        Reach([Role.SchoolAdmin, Role.Teacher, Role.Student], SchoolAdminOwn, HeadTeacherOwnClass, MentorCurrent, StudentSelf)(caller);

    private static HttpRequestMessage IfMatch(HttpRequestMessage request, string tag)
    {
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        return request;
    }

    private static Expect HeadTeacherOrAdmin(Caller caller) => Reach([Role.SchoolAdmin, Role.Teacher], SchoolAdminOwn, HeadTeacherOwnClass)(caller);
}
