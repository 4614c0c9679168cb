using System.Net;
using System.Text;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// What ASP.NET Core refuses before a handler runs (a query value that does not parse, a JSON value of the wrong type or
/// format, a body that is not JSON or is missing) answers like a validator's refusal: the field named in <c>errors</c>,
/// what it takes, in the caller's language, never the framework's own text; nothing is stored. What routing refuses (a
/// method or an address it does not know) says so in the same way.
/// </summary>
public abstract class BindingProblemTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    // The framework's texts name C# types, parameters and services ("Failed to bind parameter "int pageSize"…").
    private static readonly string[] Internals = ["Int32", "int ", "Nullable", "Guid ", "Command", "parameter", "Service", "DateOnly", "DateTimeOffset", "Boolean"];

    private static void ShouldNotShowInternals(JsonElement problem)
    {
        var text = problem.GetRawText();
        foreach (var internalText in Internals) text.ShouldNotContain(internalText, Case.Sensitive);
    }

    public static TheoryData<string, string, string> QueryValues => new()
    {
        { "students?pageSize=abc", "pageSize", "Use a whole number." },
        { "students?page=99999999999", "page", "Use a whole number from -2147483648 to 2147483647." },
        { "students?includeInactive=maybe", "includeInactive", "Use true or false." },
        { "students?classId=not-a-guid", "classId", "Use a GUID, e.g. 0199a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b." },
        { "audit?from=2026-13-01", "from", "Give the time in ISO 8601, e.g. 2026-09-01T08:00:00Z." },
        { "reminders/preview?asOf=tomorrow", "asOf", "Give the date as yyyy-MM-dd, e.g. 2026-09-01." },
    };

    [Theory]
    [MemberData(nameof(QueryValues))]
    public async Task A_query_value_that_does_not_parse_names_its_field_and_what_it_takes(string path, string field, string expected)
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin, language: "en");

        var problem = await (await admin.GetAsync(school.Route(path), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorsFor(field).ShouldBe([expected]);
        ShouldNotShowInternals(problem);
    }

    private static string Talk(MenteeSchool s, string property, string value)
    {
        var body = new Dictionary<string, string>
        {
            ["kind"] = "\"talk\"", ["studentIds"] = $"[\"{s.Students[0].Id}\"]", ["semesterId"] = $"\"{s.SemesterId}\"",
            ["occurredOn"] = $"\"{MenteeSchool.Today.AddDays(-1):yyyy-MM-dd}\"", ["domains"] = "[\"study\"]", ["summary"] = "\"谈了这周的学习安排。\"",
            [property] = value,
        };
        return "{" + string.Join(',', body.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
    }

    public static TheoryData<string, string, string, string> BodyValues => new()
    {
        { "kind", "\"chat\"", "kind", "Use one of: talk, parentContact, evaluationFeedback, groupTalk." },
        { "kind", "1", "kind", "Use one of: talk, parentContact, evaluationFeedback, groupTalk." },
        { "kind", "\"1\"", "kind", "Use one of: talk, parentContact, evaluationFeedback, groupTalk." },
        { "domains", "[1]", "domains[0]", "Use one of: thinking, study, psychological, life, growth." },
        { "studentIds", "\"all\"", "studentIds", "Use a JSON array." },
        { "studentIds", "[\"first\"]", "studentIds[0]", "Use a GUID, e.g. 0199a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b." },
        { "occurredOn", "\"2026-13-01\"", "occurredOn", "Give the date as yyyy-MM-dd, e.g. 2026-09-01." },
        { "followUps", "[{\"action\":\"复查作业\",\"dueOn\":\"next week\"}]", "followUps[0].dueOn", "Give the date as yyyy-MM-dd, e.g. 2026-09-01." },
        { "summary", "42", "summary", "Use a string." },
        { "domains", "{\"study\":true}", "domains", "Use a JSON array." },
    };

    [Theory]
    [MemberData(nameof(BodyValues))]
    public async Task A_json_value_of_the_wrong_type_or_format_names_its_field_and_records_nothing(string property, string value, string field, string expected)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username, language: "en");

        var problem = await (await mentor.PostAsync(s.Route("activities"), Json(Talk(s, property, value)), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorsFor(field).ShouldBe([expected]);
        ShouldNotShowInternals(problem);
        (await ActivitiesOfAsync(s)).ShouldBe(0);
    }

    public static TheoryData<string, string?, string> Bodies => new()
    {
        { "{\"kind\":\"talk\",", "application/json", "The request body is not valid JSON." },
        { "[1,2]", "application/json", "The request body is valid JSON of another kind. Use a JSON object." },
        { "\"talk\"", "application/json", "The request body is valid JSON of another kind. Use a JSON object." },
        { "", "application/json", "A JSON request body is required." },
        { "", null, "A JSON request body is required." },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_that_is_not_json_or_not_an_object_or_is_missing_says_so_and_records_nothing(string body, string? contentType, string expected)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username, language: "en");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = new(contentType);

        var problem = await (await mentor.PostAsync(s.Route("activities"), content, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().ShouldBe(expected);
        problem.TryGetProperty("errors", out _).ShouldBeFalse();
        ShouldNotShowInternals(problem);
        (await ActivitiesOfAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task A_body_of_another_content_type_is_415_naming_the_one_to_send()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username, language: "en");

        var response = await mentor.PostAsync(s.Route("activities"), new StringContent(Talk(s, "summary", "\"谈心\""), Encoding.UTF8, "text/plain"), Ct);

        var problem = await response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("detail").GetString().ShouldBe("Send the body with Content-Type: application/json.");
        ShouldNotShowInternals(problem);
        (await ActivitiesOfAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task A_method_the_address_does_not_take_is_405_naming_the_ones_it_does()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);

        var response = await admin.DeleteAsync(school.Route("students"), Ct);

        var problem = await response.ShouldBeProblem(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["GET", "POST"], ignoreOrder: true);
        problem.GetProperty("title").GetString().ShouldBe("不支持该请求方法");
        problem.GetProperty("detail").GetString().ShouldBe("该地址只接受 GET, POST 请求。");
    }

    [Fact]
    public async Task An_address_that_matches_no_route_is_not_found_in_the_same_words_as_anything_out_of_reach()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);

        var outOfReach = await (await admin.GetAsync("/api/v1/schools/no-such-school/students", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        var underTheSchool = await (await admin.GetAsync(school.Route("no-such-list"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        var underTheApi = await (await admin.GetAsync("/api/v1/no-such-route", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        outOfReach.GetProperty("detail").GetString().ShouldBe("请求的资源不存在或不在您的访问范围内。");
        underTheSchool.GetProperty("detail").GetString().ShouldBe(outOfReach.GetProperty("detail").GetString());
        underTheApi.GetProperty("detail").GetString().ShouldBe(outOfReach.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_answers_are_in_chinese_by_default()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username);

        var query = await (await mentor.GetAsync(s.Route("students?pageSize=abc"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        query.ErrorsFor("pageSize").ShouldBe(["须为整数。"]);
        var kind = await (await mentor.GetAsync(s.Route("activities?kind=chat"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        kind.ErrorsFor("kind").ShouldBe(["'chat' 不是可选值之一:talk, parentContact, evaluationFeedback, groupTalk。"]);
        var body = await (await mentor.PostAsync(s.Route("activities"), Json(Talk(s, "kind", "\"chat\"")), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        body.ErrorsFor("kind").ShouldBe(["须为以下值之一:talk, parentContact, evaluationFeedback, groupTalk。"]);
        var notJson = await (await mentor.PostAsync(s.Route("activities"), Json("{"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        notJson.GetProperty("detail").GetString().ShouldBe("请求体不是有效的 JSON。");
        var array = await (await mentor.PostAsync(s.Route("activities"), Json("[]"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        array.GetProperty("detail").GetString().ShouldBe("请求体是有效的 JSON,但类型不对。须为 JSON 对象。");
        (await ActivitiesOfAsync(s)).ShouldBe(0);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<int> ActivitiesOfAsync(MenteeSchool s) =>
        (await (await s.Admin.GetAsync(s.Route($"activities?studentId={s.Students[0].Id}"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32();
}

public sealed class BindingProblemTestsOnSqlite(SqliteApp app) : BindingProblemTests<SqliteApp>(app);

public sealed class BindingProblemTestsOnPostgres(PostgresApp app) : BindingProblemTests<PostgresApp>(app);
