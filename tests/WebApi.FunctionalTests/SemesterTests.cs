using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class SemesterTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static object Semester(string label, DateOnly startsOn, DateOnly endsOn) =>
        new { label, startsOn = startsOn.ToString("yyyy-MM-dd"), endsOn = endsOn.ToString("yyyy-MM-dd") };

    [Fact]
    public async Task School_admin_adds_semesters_and_the_current_one_contains_today()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);

        var past = await admin.PostAsJsonAsync(school.Route("semesters"), Semester("上学期", Today.AddDays(-200), Today.AddDays(-60)), Ct);
        await past.ShouldBeJson(HttpStatusCode.Created);
        var current = await admin.PostAsJsonAsync(school.Route("semesters"), Semester("本学期", Today.AddDays(-30), Today.AddDays(90)), Ct);
        var created = await current.ShouldBeJson(HttpStatusCode.Created);
        current.Headers.Location!.ToString().ShouldBe(school.Route($"semesters/{created.GetProperty("id").GetGuid()}"));
        created.GetProperty("startsOn").GetString().ShouldBe(Today.AddDays(-30).ToString("yyyy-MM-dd"));

        var found = await (await admin.GetAsync(school.Route("semesters/current"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        found.GetProperty("label").GetString().ShouldBe("本学期");
        var list = await (await admin.GetAsync(school.Route("semesters"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("label").GetString()).ShouldBe(["本学期", "上学期"]);
    }

    [Fact]
    public async Task No_current_semester_answers_404()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        await admin.PostAsJsonAsync(school.Route("semesters"), Semester("下学期", Today.AddDays(10), Today.AddDays(100)), Ct);
        await (await admin.GetAsync(school.Route("semesters/current"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overlapping_semesters_answer_409_and_store_nothing()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        await admin.PostAsJsonAsync(school.Route("semesters"), Semester("第一学期", new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20)), Ct);

        await (await admin.PostAsJsonAsync(school.Route("semesters"), Semester("重叠", new DateOnly(2027, 1, 20), new DateOnly(2027, 6, 30)), Ct))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        (await (await admin.GetAsync(school.Route("semesters"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(1);
        (await admin.PostAsJsonAsync(school.Route("semesters"), Semester("第二学期", new DateOnly(2027, 2, 15), new DateOnly(2027, 7, 5)), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task End_before_start_or_missing_label_answers_400()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var problem = await (await admin.PostAsJsonAsync(school.Route("semesters"), Semester("", new DateOnly(2027, 2, 1), new DateOnly(2027, 1, 1)), Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("endsOn").ShouldNotBeEmpty();
        problem.ErrorsFor("label").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Only_school_admins_add_semesters()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var username = TestApi.UniqueCode("teacher");
        await admin.CreateTeacherAsync(school, username);
        using var teacher = await Api.As(username);

        await (await teacher.PostAsJsonAsync(school.Route("semesters"), Semester("x", Today, Today.AddDays(10)), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await teacher.GetAsync(school.Route("semesters"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class SemesterTestsOnSqlite(SqliteApp app) : SemesterTests<SqliteApp>(app);

public sealed class SemesterTestsOnPostgres(PostgresApp app) : SemesterTests<PostgresApp>(app);
