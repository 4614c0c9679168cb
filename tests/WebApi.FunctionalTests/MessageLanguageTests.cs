using System.Net;
using System.Net.Http.Json;
using System.Text;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// Every refusal speaks the caller's language (API.md: Simplified Chinese by default, English with
/// <c>Accept-Language: en</c>), wherever it is raised: a validator's own message, a value only the use case can check,
/// a value the domain refuses, a conflict with the current state and a numbered business rule. Nothing is stored.
/// </summary>
public abstract class MessageLanguageTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static StringContent Activity(MenteeSchool s, string kind, DateOnly occurredOn) => new(
        $$"""{"kind":"{{kind}}","studentIds":["{{s.Students[0].Id}}"],"semesterId":"{{s.SemesterId}}","occurredOn":"{{occurredOn:yyyy-MM-dd}}","domains":["study"],"summary":"谈了这周的学习安排。"}""",
        Encoding.UTF8, "application/json");

    private async Task<int> ActivitiesOfAsync(MenteeSchool s) =>
        (await (await s.Admin.GetAsync(s.Route($"activities?studentId={s.Students[0].Id}"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32();

    [Theory]
    [InlineData(null, "家校沟通须注明沟通方式。")]
    [InlineData("zh-CN", "家校沟通须注明沟通方式。")]
    [InlineData("en", "A parent contact names its mode.")]
    public async Task A_validators_own_message(string? language, string expected)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username, language: language);

        var problem = await (await mentor.PostAsync(s.Route("activities"), Activity(s, "parentContact", MenteeSchool.Today), Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorsFor("mode").ShouldBe([expected]);
        (await ActivitiesOfAsync(s)).ShouldBe(0);
    }

    [Theory]
    [InlineData(null, "R10: 活动日期不能晚于今天。")]
    [InlineData("en", "R10: The activity cannot lie in the future.")]
    public async Task A_business_rules_refusal(string? language, string expected)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username, language: language);

        var problem = await (await mentor.PostAsync(s.Route("activities"), Activity(s, "talk", MenteeSchool.Today.AddDays(3)), Ct))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("detail").GetString().ShouldBe(expected);
        problem.GetProperty("rule").GetString().ShouldBe("R10");
        (await ActivitiesOfAsync(s)).ShouldBe(0);
    }

    [Theory]
    [InlineData(null, "导师团已发布。")]
    [InlineData("en", "The group is already published.")]
    public async Task A_conflict_with_the_current_state(string? language, string expected)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var admin = await Api.As(s.School.SchoolAdmin, language: language);

        var problem = await (await admin.PostAsync(s.Route($"mentor-groups/{s.GroupId}/publish"), null, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString().ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "同一位导师只能指定一次。")]
    [InlineData("en", "A mentor can be named only once.")]
    public async Task A_value_the_domain_refuses(string? language, string expected)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var admin = await Api.As(s.School.SchoolAdmin, language: language);

        var problem = await (await admin.PutAsJsonAsync(s.Route($"mentor-groups/{s.GroupId}/assignments/{s.Students[0].Id}"),
            new { mentorIds = new[] { s.Mentor.Id, s.Mentor.Id } }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorsFor("mentorIds").ShouldBe([expected]);
    }

    [Theory]
    [InlineData(null, "'pageSize' 必须在 1 (包含)和 200 (包含)之间， 您输入了 201。", "'label' 不能为空。")]
    [InlineData("en", "'pageSize' must be between 1 and 200. You entered 201.", "'label' must not be empty.")]
    public async Task A_built_in_rule_names_the_field_as_the_api_writes_it(string? language, string pageSize, string label)
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin, language: language);

        (await (await admin.GetAsync(school.Route("students?pageSize=201"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorsFor("pageSize").ShouldBe([pageSize]);
        (await (await admin.PostAsJsonAsync(school.Route("semesters"), new { label = "", startsOn = "2026-09-01", endsOn = "2027-01-31" }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("label").ShouldBe([label]);
        (await (await admin.GetAsync(school.Route("semesters"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData(null, "该学期不存在。")]
    [InlineData("en", "Unknown semester.")]
    public async Task A_value_only_the_use_case_can_check(string? language, string expected)
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin, language: language);
        var head = await admin.CreateTeacherAsync(school);
        var classId = await admin.CreateClassAsync(school, head);

        var problem = await (await admin.PostAsJsonAsync(school.Route("mentor-groups"),
            new { classId, semesterId = Guid.CreateVersion7(), mentorIds = new[] { head } }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorsFor("semesterId").ShouldBe([expected]);
        (await (await admin.GetAsync(school.Route("mentor-groups"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }
}

public sealed class MessageLanguageTestsOnSqlite(SqliteApp app) : MessageLanguageTests<SqliteApp>(app);

public sealed class MessageLanguageTestsOnPostgres(PostgresApp app) : MessageLanguageTests<PostgresApp>(app);
