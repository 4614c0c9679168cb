using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>Who calls, relative to the world's school, class, student and mentor group.</summary>
public enum Caller
{
    Anonymous,
    PlatformAdmin,
    DistrictAdminOwn,
    DistrictAdminOther,
    SchoolAdminOwn,
    SchoolAdminOther,
    HeadTeacherOwnClass,
    HeadTeacherOtherClass,
    MentorCurrent,
    MentorFormer,
    MentorUnrelated,
    StudentSelf,
    StudentOther,
}

/// <summary>
/// One school with a current semester, two classes with their head teachers, a student per class, and a published
/// mentor group whose student was reassigned after publishing: so a current mentor, a former mentor (pair ended) and an
/// unrelated teacher exist side by side. A second district and school give the "other tenant" callers. Built once per app.
/// </summary>
public sealed class SecurityWorld
{
    private static readonly ConcurrentDictionary<MentorCloudFactory, Lazy<Task<SecurityWorld>>> Worlds = new();
    private readonly TestApi _api;
    private readonly Dictionary<Caller, (string User, string Password)> _logins;
    private readonly ConcurrentDictionary<Caller, Task<HttpClient>> _clients = new();

    private SecurityWorld(TestApi api, Dictionary<Caller, (string, string)> logins) => (_api, _logins) = (api, logins);

    public required SchoolSetup School { get; init; }
    public required SchoolSetup OtherSchool { get; init; }
    public required Guid SemesterId { get; init; }
    public required Guid ClassId { get; init; }
    public required Guid OtherClassId { get; init; }
    public required Guid HeadTeacherId { get; init; }
    public required Guid StudentId { get; init; }
    public required Guid OtherStudentId { get; init; }
    public required Guid MentorId { get; init; }
    public required Guid FormerMentorId { get; init; }
    public required Guid UnrelatedTeacherId { get; init; }
    public required Guid GroupId { get; init; }

    /// <summary>A goal in the student's archive; their guardian's consent is on record.</summary>
    public required Guid GoalId { get; init; }

    /// <summary>The student's monthly report for the current month, and their evaluation of their current mentor this semester.</summary>
    public required Guid MonthlyReportId { get; init; }
    public required Guid EvaluationId { get; init; }

    /// <summary>Targets for requests that would spoil the world when they succeed (deactivate, transfer).</summary>
    public required Guid SpareTeacherId { get; init; }
    public required Guid SpareStudentId { get; init; }

    /// <summary>Username and password of the school admin, for token requests.</summary>
    public (string User, string Password) SchoolAdminLogin => _logins[Caller.SchoolAdminOwn];

    public static Task<SecurityWorld> ForAsync(TestApi api) =>
        Worlds.GetOrAdd(api.Factory, _ => new Lazy<Task<SecurityWorld>>(() => BuildAsync(api))).Value;

    /// <summary>A client signed in as the caller (none for <see cref="Caller.Anonymous"/>); one per caller, reused.</summary>
    public Task<HttpClient> ClientAsync(Caller caller) => _clients.GetOrAdd(caller, c =>
        _logins.TryGetValue(c, out var login) ? _api.As(login.User, login.Password) : Task.FromResult(_api.Anonymous()));

    private static async Task<SecurityWorld> BuildAsync(TestApi api)
    {
        var school = await api.CreateSchoolAsync();
        var other = await api.CreateSchoolAsync();
        using var admin = await api.As(school.SchoolAdmin);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var semester = await (await admin.PostAsJsonAsync(school.Route("semesters"),
            new { label = "本学期", startsOn = today.AddDays(-20).ToString("yyyy-MM-dd"), endsOn = today.AddDays(100).ToString("yyyy-MM-dd") })).ShouldBeJson(HttpStatusCode.Created);
        var semesterId = semester.GetProperty("id").GetGuid();

        var logins = new Dictionary<Caller, (string, string)>
        {
            [Caller.PlatformAdmin] = (MentorCloudFactory.PlatformAdmin, MentorCloudFactory.PlatformPassword),
            [Caller.DistrictAdminOwn] = (school.DistrictAdmin, TestApi.Password),
            [Caller.DistrictAdminOther] = (other.DistrictAdmin, TestApi.Password),
            [Caller.SchoolAdminOwn] = (school.SchoolAdmin, TestApi.Password),
            [Caller.SchoolAdminOther] = (other.SchoolAdmin, TestApi.Password),
        };
        async Task<Guid> Teacher(Caller? caller)
        {
            var login = TestApi.UniqueCode("t");
            if (caller is { } c) logins[c] = (login, TestApi.Password);
            return await admin.CreateTeacherAsync(school, caller is null ? null : login);
        }
        async Task<Guid> Student(Guid classId, Caller? caller)
        {
            var login = TestApi.UniqueCode("stu");
            if (caller is { } c) logins[c] = (login, TestApi.Password);
            var response = await admin.PostAsJsonAsync(school.Route("students"), new
            {
                name = "王小红", studentNo = login, classId, gender = "female", attentionFlags = new[] { "leftBehind" },
                guardians = new[] { new { name = "王母", relation = "母亲", phone = "13900000000" } },
                account = caller is null ? null : new { username = login, password = TestApi.Password },
            });
            return (await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        var head = await Teacher(Caller.HeadTeacherOwnClass);
        var otherHead = await Teacher(Caller.HeadTeacherOtherClass);
        var mentor = await Teacher(Caller.MentorCurrent);
        var former = await Teacher(Caller.MentorFormer);
        var unrelated = await Teacher(Caller.MentorUnrelated);
        var spareTeacher = await Teacher(null);
        var classId = await admin.CreateClassAsync(school, head);
        var otherClassId = await admin.CreateClassAsync(school, otherHead);
        var student = await Student(classId, Caller.StudentSelf);
        var otherStudent = await Student(otherClassId, Caller.StudentOther);
        var spareStudent = await Student(otherClassId, null);

        // Published with the former mentor, then reassigned: the former mentor's pair ends but they stay in the group.
        var group = (await (await admin.PostAsJsonAsync(school.Route("mentor-groups"), new { classId, semesterId, mentorIds = new[] { mentor, former } }))
            .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync(school.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds = new[] { former } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PostAsync(school.Route($"mentor-groups/{group}/publish"), null)).ShouldBeJson(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync(school.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds = new[] { mentor } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The student's guardian consented, and the student has a goal: archive writes and goal updates pass their rules.
        (await admin.PutAsJsonAsync(school.Route($"students/{student}/guardian-consent"), new
        {
            guardianName = "王母", relation = "母亲", grantedOn = today.AddDays(-10).ToString("yyyy-MM-dd"), method = "paper",
            scopes = new[] { "archive", "sensitiveSections", "goals" },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var goal = (await (await admin.PostAsJsonAsync(school.Route($"students/{student}/goals"), new { kind = "stage", title = "每天阅读半小时" }))
            .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var studentClient = await api.As(logins[Caller.StudentSelf].Item1);
        var report = (await (await studentClient.PostAsJsonAsync(school.Route($"students/{student}/monthly-reports"),
            new { month = today.ToString("yyyy-MM"), content = "这个月按时完成了作业。" })).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var evaluation = (await (await studentClient.PostAsJsonAsync(school.Route("mentor-evaluations"),
            new { mentorId = mentor, semesterId, scores = new { care = 5, guidance = 4, communication = 5 }, comment = "老师很耐心。" }))
            .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        return new SecurityWorld(api, logins)
        {
            MonthlyReportId = report,
            EvaluationId = evaluation,
            GoalId = goal,
            School = school,
            OtherSchool = other,
            SemesterId = semesterId,
            ClassId = classId,
            OtherClassId = otherClassId,
            HeadTeacherId = head,
            StudentId = student,
            OtherStudentId = otherStudent,
            MentorId = mentor,
            FormerMentorId = former,
            UnrelatedTeacherId = unrelated,
            GroupId = group,
            SpareTeacherId = spareTeacher,
            SpareStudentId = spareStudent,
        };
    }
}
