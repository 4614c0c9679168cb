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

    /// <summary>A new school in a new district; returns both codes and the admins' usernames.</summary>
    public async Task<SchoolSetup> CreateSchoolAsync(string? connectionString = null)
    {
        var (district, districtAdmin) = await CreateDistrictAsync();
        var code = UniqueCode("s");
        var admin = $"{code}-admin";
        using var client = await As(districtAdmin);
        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools",
            new { code, name = $"School {code}", admin = new { username = admin, password = Password, displayName = "校管理员" }, connectionString });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return new SchoolSetup(district, districtAdmin, code, admin, body.GetProperty("id").GetGuid());
    }
}

public sealed record SchoolSetup(string District, string DistrictAdmin, string School, string SchoolAdmin, Guid SchoolId);

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
        body.GetProperty("type").GetString().ShouldNotBeNullOrWhiteSpace();
        body.TryGetProperty("traceId", out _).ShouldBeTrue(text);
        text.ShouldNotContain("   at ", Case.Sensitive, "no stack traces leak");
        return body;
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
