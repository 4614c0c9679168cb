using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>R16: a teacher reaches a student through a published pair of the semester in force, or by heading the class.</summary>
public abstract class ReachTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private sealed record Setup(SchoolSetup School, HttpClient Admin, Guid SemesterId, Guid ClassId, string Head, Guid[] Students, (Guid Id, string Login)[] Mentors);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    /// <summary>A school with a semester in force, two mentors and a class of two students.</summary>
    private async Task<Setup> SchoolAsync()
    {
        var school = await Api.CreateSchoolAsync();
        var admin = await Api.As(school.SchoolAdmin);
        var semester = await SemesterAsync(admin, school, Today.AddDays(-20), Today.AddDays(100));
        var head = TestApi.UniqueCode("head");
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school, head));
        Guid[] students = [await admin.CreateStudentAsync(school, classId), await admin.CreateStudentAsync(school, classId)];
        var mentors = new (Guid, string)[2];
        for (var i = 0; i < mentors.Length; i++)
        {
            var login = TestApi.UniqueCode("m");
            mentors[i] = (await admin.CreateTeacherAsync(school, login), login);
        }
        return new Setup(school, admin, semester, classId, head, students, mentors);
    }

    private async Task<Guid> SemesterAsync(HttpClient admin, SchoolSetup school, DateOnly startsOn, DateOnly endsOn) =>
        (await (await admin.PostAsJsonAsync(school.Route("semesters"), new { label = TestApi.UniqueCode("学期"), startsOn = Day(startsOn), endsOn = Day(endsOn) }, Ct))
            .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>The class's group in the semester with every student placed with the first mentor; not published.</summary>
    private async Task<Guid> DraftAsync(Setup s, Guid semesterId)
    {
        var group = (await (await s.Admin.PostAsJsonAsync(s.School.Route("mentor-groups"),
            new { classId = s.ClassId, semesterId, mentorIds = s.Mentors.Select(m => m.Id).ToArray() }, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var student in s.Students)
            (await AssignAsync(s, s.Admin, group, student, s.Mentors[0].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return group;
    }

    private Task<HttpResponseMessage> AssignAsync(Setup s, HttpClient client, Guid group, Guid student, Guid mentor) =>
        client.PutAsJsonAsync(s.School.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds = new[] { mentor } }, Ct);

    private async Task PublishAsync(Setup s, Guid group) =>
        (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{group}/publish"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

    private async Task<List<Guid>> ListedAsync(HttpClient client, Setup s, string query = "") =>
        (await (await client.GetAsync(s.School.Route($"students{query}"), Ct)).ShouldBeJson(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).ToList();

    private async Task<List<Guid>> MenteesAsync(HttpClient client, Setup s, Guid mentor, string query = "") =>
        (await (await client.GetAsync(s.School.Route($"teachers/{mentor}/mentees{query}"), Ct)).ShouldBeJson(HttpStatusCode.OK))
            .EnumerateArray().Select(x => x.GetProperty("studentId").GetGuid()).ToList();

    /// <summary>The mentor reaches none of the students: absent from lists, 404 for single reads.</summary>
    private async Task ShouldReachNoneAsync(HttpClient mentor, Setup s, Guid mentorId)
    {
        (await ListedAsync(mentor, s, "?includeInactive=true")).ShouldBeEmpty();
        (await MenteesAsync(mentor, s, mentorId)).ShouldBeEmpty();
        foreach (var student in s.Students)
        {
            await (await mentor.GetAsync(s.School.Route($"students/{student}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await mentor.GetAsync(s.School.Route($"students/{student}/mentors"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_draft_pairing_gives_the_mentor_no_reach_and_publishing_gives_it_R16()
    {
        var s = await SchoolAsync();
        var group = await DraftAsync(s, s.SemesterId);
        using var mentor = await Api.As(s.Mentors[0].Login);

        await ShouldReachNoneAsync(mentor, s, s.Mentors[0].Id);

        await PublishAsync(s, group);
        (await ListedAsync(mentor, s)).ShouldBe(s.Students, ignoreOrder: true);
        (await MenteesAsync(mentor, s, s.Mentors[0].Id)).ShouldBe(s.Students, ignoreOrder: true);
        (await mentor.GetAsync(s.School.Route($"students/{s.Students[0]}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mentors = await (await mentor.GetAsync(s.School.Route($"students/{s.Students[0]}/mentors"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mentors.EnumerateArray().Select(m => m.GetProperty("mentorId").GetGuid()).ShouldBe([s.Mentors[0].Id]);
    }

    [Fact]
    public async Task A_pair_that_ended_after_publishing_gives_no_reach_and_the_new_mentor_reaches_the_student_R16()
    {
        var s = await SchoolAsync();
        var group = await DraftAsync(s, s.SemesterId);
        await PublishAsync(s, group);
        using var head = await Api.As(s.Head);

        (await AssignAsync(s, head, group, s.Students[0], s.Mentors[1].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var former = await Api.As(s.Mentors[0].Login);
        (await ListedAsync(former, s)).ShouldBe([s.Students[1]]);
        (await MenteesAsync(former, s, s.Mentors[0].Id)).ShouldBe([s.Students[1]]);
        await (await former.GetAsync(s.School.Route($"students/{s.Students[0]}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await former.GetAsync(s.School.Route($"students/{s.Students[0]}/mentors"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        using var current = await Api.As(s.Mentors[1].Login);
        (await ListedAsync(current, s)).ShouldBe([s.Students[0]]);
        (await current.GetAsync(s.School.Route($"students/{s.Students[0]}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_published_pairing_of_a_past_semester_gives_no_reach_R16()
    {
        var s = await SchoolAsync();
        var past = await SemesterAsync(s.Admin, s.School, Today.AddDays(-200), Today.AddDays(-30));
        var group = await DraftAsync(s, past);
        await PublishAsync(s, group);
        using var mentor = await Api.As(s.Mentors[0].Login);

        await ShouldReachNoneAsync(mentor, s, s.Mentors[0].Id);
        (await MenteesAsync(mentor, s, s.Mentors[0].Id, $"?semesterId={past}")).ShouldBeEmpty();
        // Nor does the old group show the class's students and their flags.
        await (await mentor.GetAsync(s.School.Route($"mentor-groups/{group}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await mentor.GetAsync(s.School.Route($"mentor-groups/{group}/published-list"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await mentor.GetAsync(s.School.Route("mentor-groups"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
        using var head = await Api.As(s.Head);
        (await head.GetAsync(s.School.Route($"mentor-groups/{group}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The school keeps the history of who mentored whom.
        (await MenteesAsync(s.Admin, s, s.Mentors[0].Id, $"?semesterId={past}")).ShouldBe(s.Students, ignoreOrder: true);
    }

    [Fact]
    public async Task A_published_pairing_of_a_coming_semester_gives_no_reach_yet_R16()
    {
        var s = await SchoolAsync();
        var next = await SemesterAsync(s.Admin, s.School, Today.AddDays(150), Today.AddDays(300));
        await PublishAsync(s, await DraftAsync(s, next));
        using var mentor = await Api.As(s.Mentors[0].Login);

        await ShouldReachNoneAsync(mentor, s, s.Mentors[0].Id);
    }

    [Fact]
    public async Task A_head_teacher_reaches_their_own_class_whatever_the_pairing_phase_and_no_other_class_R16()
    {
        var s = await SchoolAsync();
        await DraftAsync(s, s.SemesterId);
        var otherHead = TestApi.UniqueCode("head");
        var otherClass = await s.Admin.CreateClassAsync(s.School, await s.Admin.CreateTeacherAsync(s.School, otherHead));
        var stranger = await s.Admin.CreateStudentAsync(s.School, otherClass);
        using var head = await Api.As(s.Head);

        (await ListedAsync(head, s)).ShouldBe(s.Students, ignoreOrder: true);
        (await head.GetAsync(s.School.Route($"students/{s.Students[0]}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await head.GetAsync(s.School.Route($"students/{s.Students[0]}/mentors"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListedAsync(head, s, $"?classId={otherClass}")).ShouldBeEmpty();
        await (await head.GetAsync(s.School.Route($"students/{stranger}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await head.GetAsync(s.School.Route($"students/{stranger}/mentors"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_student_sees_their_mentors_once_the_pairing_is_published_R6()
    {
        var school = await Api.CreateSchoolAsync();
        var admin = await Api.As(school.SchoolAdmin);
        var semester = await SemesterAsync(admin, school, Today.AddDays(-20), Today.AddDays(100));
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school));
        var login = TestApi.UniqueCode("stu");
        var student = (await (await admin.PostAsJsonAsync(school.Route("students"), new
        {
            name = "王小红", studentNo = login, classId, gender = "female", account = new { username = login, password = TestApi.Password },
        }, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var mentor = await admin.CreateTeacherAsync(school);
        var group = (await (await admin.PostAsJsonAsync(school.Route("mentor-groups"), new { classId, semesterId = semester, mentorIds = new[] { mentor } }, Ct))
            .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync(school.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds = new[] { mentor } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var self = await Api.As(login);

        (await (await self.GetAsync(school.Route($"students/{student}/mentors"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

        (await admin.PostAsync(school.Route($"mentor-groups/{group}/publish"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mine = await (await self.GetAsync(school.Route($"students/{student}/mentors"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mine.EnumerateArray().Select(m => m.GetProperty("mentorId").GetGuid()).ShouldBe([mentor]);
    }
}

public sealed class ReachTestsOnSqlite(SqliteApp app) : ReachTests<SqliteApp>(app);

public sealed class ReachTestsOnPostgres(PostgresApp app) : ReachTests<PostgresApp>(app);
