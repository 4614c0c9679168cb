using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>Helpers that talk to the running application as one role or another.</summary>
public sealed class TestApi(MentorCloudFactory factory)
{
    public const string Password = "Passw0rd!x";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public MentorCloudFactory Factory { get; } = factory;

    public HttpClient Anonymous(string? language = null)
    {
        var client = Factory.CreateClient();
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    public async Task<HttpClient> As(string username, string password = Password, string? language = null)
    {
        var client = Anonymous(language);
        var token = await TokenAsync(username, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AsPlatformAdmin(string? language = null) => As(MentorCloudFactory.PlatformAdmin, MentorCloudFactory.PlatformPassword, language);

    public async Task<string> TokenAsync(string username, string password)
    {
        using var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"token for {username}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("accessToken").GetString()!;
    }

    public static string UniqueCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>A new district with its admin; returns the district code and the admin's username.</summary>
    public async Task<(string Code, string Admin)> CreateDistrictAsync()
    {
        var code = UniqueCode("d");
        var admin = $"{code}-admin";
        using var platform = await AsPlatformAdmin();
        var response = await platform.PostAsJsonAsync("/api/v1/districts",
            new { code, name = $"District {code}", admin = new { username = admin, password = Password, displayName = "区管理员" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (code, admin);
    }

    /// <summary>A new school in a new district, in the shared database or on the named configured server; returns both codes and the admins' usernames.</summary>
    public async Task<SchoolSetup> CreateSchoolAsync(string? databaseServer = null)
    {
        var (district, districtAdmin) = await CreateDistrictAsync();
        var code = UniqueCode("s");
        var admin = $"{code}-admin";
        using var client = await As(districtAdmin);
        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools",
            new { code, name = $"School {code}", admin = new { username = admin, password = Password, displayName = "校管理员" }, databaseServer });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return new SchoolSetup(district, districtAdmin, code, admin, body.GetProperty("id").GetGuid());
    }
}

public sealed record SchoolSetup(string District, string DistrictAdmin, string School, string SchoolAdmin, Guid SchoolId)
{
    public string Route(string path) => $"/api/v1/schools/{School}/{path}";
}

/// <summary>Creates school data through the API as the school's admin.</summary>
public static class SchoolData
{
    public static async Task<Guid> CreateTeacherAsync(this HttpClient admin, SchoolSetup school, string? username = null, string? employeeNo = null)
    {
        employeeNo ??= TestApi.UniqueCode("T");
        var response = await admin.PostAsJsonAsync(school.Route("teachers"), new
        {
            name = "李老师",
            employeeNo,
            subjects = new[] { "语文" },
            account = username is null ? null : new { username, password = TestApi.Password },
        });
        return (await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> CreateClassAsync(this HttpClient admin, SchoolSetup school, Guid headTeacherId, string? name = null, int grade = 7)
    {
        var response = await admin.PostAsJsonAsync(school.Route("classes"), new { name = name ?? TestApi.UniqueCode("班"), grade, headTeacherId });
        return (await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>The audit actions concerning a student, oldest first, as the school admin reads them.</summary>
    public static async Task<List<string>> AuditActionsAsync(this HttpClient admin, SchoolSetup school, Guid studentId)
    {
        var page = await (await admin.GetAsync(school.Route($"audit?studentId={studentId}&pageSize=200"))).ShouldBeJson(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).Reverse().ToList();
    }

    public static async Task<Guid> CreateStudentAsync(this HttpClient admin, SchoolSetup school, Guid classId, string[]? flags = null, string? studentNo = null)
    {
        var response = await admin.PostAsJsonAsync(school.Route("students"), new
        {
            name = "张小明",
            studentNo = studentNo ?? TestApi.UniqueCode("S"),
            classId,
            gender = "male",
            birthDate = "2014-03-01",
            attentionFlags = flags ?? [],
            guardians = new[] { new { name = "张父", relation = "父亲", phone = "13800000000" } },
        });
        return (await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }
}

public static class TestRequests
{
    /// <summary>A request with an empty body of the kind the route takes: a form for uploads, JSON otherwise.</summary>
    public static HttpRequestMessage Empty(string method, string uri) => new(new HttpMethod(method), uri)
    {
        Content = method is "POST" or "PUT"
            ? uri.EndsWith("/roster/import", StringComparison.Ordinal) ? new MultipartFormDataContent() : JsonContent.Create(new { })
            : null,
    };
}

public static class ResponseAssertions
{
    /// <summary>Asserts the status and that the body is RFC 9457 problem details with a traceId; returns the body.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("status").GetInt32().ShouldBe((int)status);
        body.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        // Every problem links where its kind is defined (an RFC's section, or API versioning's problem page), never about:blank.
        body.GetProperty("type").GetString().ShouldStartWith("https://", Case.Sensitive, text);
        body.TryGetProperty("traceId", out _).ShouldBeTrue(text);
        text.ShouldNotContain("   at ", Case.Sensitive, "no stack traces leak");
        return body;
    }

    /// <summary>Null when the answer is RFC 9457 problem details with its status, a title and a traceId; else what is wrong.</summary>
    public static string? ProblemDetailsFault(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return "(not problem details)";
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            return root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() == (int)response.StatusCode
                   && root.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()) && root.TryGetProperty("traceId", out _)
                ? null
                : "(problem details without its status, a title or a traceId)";
        }
        catch (JsonException)
        {
            return "(problem details that are not JSON)";
        }
    }

    public static async Task<JsonElement> ShouldBeJson(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static string[] ErrorsFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
