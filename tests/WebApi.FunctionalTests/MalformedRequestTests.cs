using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// Bad input never makes a 5xx: thousands of malformed requests, generated from the service's own OpenAPI document, over
/// every route. Each answer is a 4xx in problem details (or a 2xx where the input happens to be acceptable) and a 4xx
/// leaves every table's row count unchanged. The seed is fixed so a failure reproduces.
/// </summary>
public abstract class MalformedRequestTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private const int Seed = 20261201;
    private const int Generated = 10_000;

    /// <summary>The share sent on a server engine: a deterministic stride through the same requests, every operation included.</summary>
    private const int ServerSample = 2_500;

    [Fact]
    public async Task Malformed_requests_on_every_route_answer_4xx_problem_details_and_change_no_rows()
    {
        var world = await SecurityWorld.ForAsync(Api);
        using var anonymous = Api.Anonymous();
        var document = await (await anonymous.GetAsync("/openapi/v1.json", Ct)).ShouldBeJson(HttpStatusCode.OK);
        var generated = new MalformedRequests(document, world, Seed).Generate(Generated);
        generated.Count.ShouldBeGreaterThanOrEqualTo(Generated);
        var requests = App.Factory.Database.Provider == "Sqlite" ? generated : Stride(generated, ServerSample);

        var failures = new List<string>();
        var accepted = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await using var rows = await RowCounter.OpenAsync(App.Factory, Ct);
        var before = await rows.CountAsync(Ct);
        foreach (var request in requests)
        {
            var client = await world.ClientAsync(request.Caller);
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var after = await rows.CountAsync(Ct);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;

            if (status is >= 200 and < 300) accepted.Add($"{status} {request}");
            else if (status is < 400 or >= 500) failures.Add($"{status} {request} → {Excerpt(body)}");
            else if (ResponseAssertions.ProblemDetailsFault(response, body) is { } fault) failures.Add($"{status} {fault} {request} → {Excerpt(body)}");
            else if (RowCounter.Changes(before, after).Where(change => !IsRecordOfAFailedSignIn(status, message, change) && !IsRecordOfARefusedArchiveRead(status, message, change)).ToList() is { Count: > 0 } changes)
                failures.Add($"{status} changed rows ({string.Join(", ", changes)}) {request}");
            before = after;
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{requests.Count} requests on {App.Factory.Database.Provider} over {rows.Tables.Count} tables in {clock.Elapsed.TotalSeconds:F1} s; " +
                          $"statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; accepted: {accepted.Count}");
        foreach (var line in accepted.Take(40)) output?.WriteLine($"accepted: {line}");
        failures.ShouldBeEmpty($"{failures.Count} of {requests.Count} requests were answered wrongly (seed {Seed}):\n{string.Join("\n", failures.Take(60))}");
    }

    [Fact]
    public async Task A_NUL_character_in_a_JSON_string_is_refused_with_400_and_nothing_is_stored()
    {
        var code = TestApi.UniqueCode("d");
        using var platform = await Api.AsPlatformAdmin();
        var response = await platform.PostAsJsonAsync("/api/v1/districts",
            new { code, name = "区", admin = new { username = $"{code}-admin", password = TestApi.Password, displayName = "a\u0000b" } }, Ct);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await platform.GetAsync($"/api/v1/districts/{code}", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_NUL_character_in_the_query_is_refused_with_400()
    {
        var world = await SecurityWorld.ForAsync(Api);
        var admin = await world.ClientAsync(Caller.SchoolAdminOwn);

        await (await admin.GetAsync(world.School.Route("students?search=a%00b"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_page_beyond_the_last_one_a_list_may_ask_for_is_refused_with_400()
    {
        var world = await SecurityWorld.ForAsync(Api);
        var admin = await world.ClientAsync(Caller.SchoolAdminOwn);

        await (await admin.GetAsync(world.School.Route($"teachers?page={int.MaxValue}&pageSize=200"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        var last = await (await admin.GetAsync(world.School.Route($"teachers?page={int.MaxValue / 200}&pageSize=200"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        last.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_login_without_a_password_is_a_field_error()
    {
        var world = await SecurityWorld.ForAsync(Api);
        var admin = await world.ClientAsync(Caller.SchoolAdminOwn);
        var response = await admin.PostAsJsonAsync(world.School.Route("teachers"),
            new { name = "李老师", employeeNo = TestApi.UniqueCode("T"), subjects = new[] { "语文" }, account = new { username = TestApi.UniqueCode("u") } }, Ct);

        (await response.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain("account.password");
    }

    private static List<MalformedRequest> Stride(List<MalformedRequest> all, int count) =>
        all.Where((_, i) => i % (all.Count / count) == 0).ToList();

    private static string Excerpt(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>An archive read that answers 404 is itself recorded (R8: an outsider's attempt is what the audit log is for), one entry per read.</summary>
    private static bool IsRecordOfARefusedArchiveRead(int status, HttpRequestMessage message, string change) =>
        status == 404 && message.Method == HttpMethod.Get && ArchiveReadRoute.IsMatch(message.RequestUri!.AbsolutePath)
        && change.StartsWith("AuditEntries:", StringComparison.Ordinal) && ChangeOf(change) == 1;

    private static readonly System.Text.RegularExpressions.Regex ArchiveReadRoute = new("/students/[^/]+/(archive(/history|/export)?|goals(/[^/]+)?)$");

    /// <summary>The difference in a "Table: before → after" change.</summary>
    private static long ChangeOf(string change)
    {
        var counts = change[(change.IndexOf(':') + 1)..].Split('→', StringSplitOptions.TrimEntries);
        return long.Parse(counts[1], System.Globalization.CultureInfo.InvariantCulture) - long.Parse(counts[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A refused sign-in is itself recorded (lockout counts per username and address); that is the answer working, not a change.</summary>
    private static bool IsRecordOfAFailedSignIn(int status, HttpRequestMessage message, string change) =>
        status == 401 && message.RequestUri!.ToString().Contains("/api/v1/auth/token", StringComparison.Ordinal)
                      && change.StartsWith("SignInFailures:", StringComparison.Ordinal);
}

public sealed class MalformedRequestTestsOnSqlite(SqliteApp app) : MalformedRequestTests<SqliteApp>(app);

public sealed class MalformedRequestTestsOnPostgres(PostgresApp app) : MalformedRequestTests<PostgresApp>(app);
