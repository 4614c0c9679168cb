using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.Application.Roster;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Health, the API description and the headers every response carries.</summary>
public abstract class PlatformTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var client = Api.Anonymous();
        var response = await client.GetAsync(path, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_document_lists_the_routes_and_the_bearer_scheme()
    {
        using var client = Api.Anonymous();
        var document = await (await client.GetAsync("/openapi/v1.json", Ct)).ShouldBeJson(HttpStatusCode.OK);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/auth/token");
        paths.ShouldContain("/api/v1/me");
        paths.ShouldContain("/api/v1/districts");
        paths.ShouldContain("/api/v1/districts/{district}/policy-limits");
        paths.ShouldContain("/api/v1/districts/{district}/schools");
        paths.ShouldContain("/api/v1/database-servers");
        paths.ShouldContain("/api/v1/schools/{school}/policy");
        paths.ShouldContain("/api/v1/schools/{school}/policy/history");
        paths.ShouldContain("/api/v1/schools/{school}/semesters/current");
        paths.ShouldContain("/api/v1/schools/{school}/teachers/{id}");
        paths.ShouldContain("/api/v1/schools/{school}/classes/{id}");
        paths.ShouldContain("/api/v1/schools/{school}/students/{id}/attention-flags");
        paths.ShouldContain("/api/v1/schools/{school}/mentor-groups/{id}/match");
        paths.ShouldContain("/api/v1/schools/{school}/mentor-groups/{id}/assignments/{studentId}");
        paths.ShouldContain("/api/v1/schools/{school}/mentor-groups/{id}/published-list");
        paths.ShouldContain("/api/v1/schools/{school}/roster/import");
        paths.ShouldContain("/api/v1/schools/{school}/roster/template");
        paths.ShouldContain("/api/v1/schools/{school}/audit");
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");

        var me = document.GetProperty("paths").GetProperty("/api/v1/me").GetProperty("get");
        me.GetProperty("security").GetArrayLength().ShouldBe(1);
        var problem = me.GetProperty("responses").GetProperty("404").GetProperty("content");
        problem.TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        var publish = document.GetProperty("paths").GetProperty("/api/v1/schools/{school}/mentor-groups/{id}/publish").GetProperty("post");
        publish.GetProperty("responses").TryGetProperty("422", out _).ShouldBeTrue();
        var token = document.GetProperty("paths").GetProperty("/api/v1/auth/token").GetProperty("post");
        token.GetProperty("security").GetArrayLength().ShouldBe(0, "signing in needs no token");
    }

    /// <summary>Every route that needs a sign-in; a new route belongs here too.</summary>
    public static readonly TheoryData<string, string> ProtectedRoutes = new()
    {
        { "GET", "/api/v1/me" },
        { "GET", "/api/v1/districts" },
        { "POST", "/api/v1/districts" },
        { "GET", "/api/v1/districts/any" },
        { "GET", "/api/v1/districts/any/policy-limits" },
        { "PUT", "/api/v1/districts/any/policy-limits" },
        { "GET", "/api/v1/districts/any/schools" },
        { "POST", "/api/v1/districts/any/schools" },
        { "GET", "/api/v1/database-servers" },
        { "GET", "/api/v1/schools/any/policy" },
        { "PUT", "/api/v1/schools/any/policy" },
        { "GET", "/api/v1/schools/any/semesters/current" },
        { "POST", "/api/v1/schools/any/teachers" },
        { "POST", "/api/v1/schools/any/classes" },
        { "GET", "/api/v1/schools/any/students" },
        { "POST", "/api/v1/schools/any/mentor-groups" },
        { "POST", "/api/v1/schools/any/mentor-groups/00000000-0000-0000-0000-000000000001/match" },
        { "POST", "/api/v1/schools/any/roster/import" },
        { "GET", "/api/v1/schools/any/roster/template" },
        { "GET", "/api/v1/schools/any/audit" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Protected_routes_answer_401_without_a_token(string method, string route)
    {
        using var client = Api.Anonymous();
        await (await client.SendAsync(TestRequests.Empty(method, route), Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Scalar_reference_is_served()
    {
        using var client = Api.Anonymous();
        var response = await client.GetAsync("/scalar", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("openapi/v1.json");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_the_api_version()
    {
        using var client = await Api.AsPlatformAdmin();
        var response = await client.GetAsync("/api/v1/me", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
        response.Headers.GetValues("api-supported-versions").Single().ShouldBe("1");
    }

    [Theory]
    [InlineData("/api/v1/me", null, HttpStatusCode.OK, null)]
    [InlineData("/API/V1/me", null, HttpStatusCode.OK, null)]
    [InlineData("/api/v1/me", "1", HttpStatusCode.OK, null)]
    [InlineData("/api/v1/me", "1.0", HttpStatusCode.OK, null)]
    [InlineData("/api/v1/me", "2", HttpStatusCode.BadRequest, "该地址不支持 API 版本 '2'。")]
    [InlineData("/api/v1/me", "one", HttpStatusCode.BadRequest, "'one' 不是有效的 API 版本。")]
    public async Task The_api_version_is_the_header_when_sent_else_the_path(string path, string? header, HttpStatusCode expected, string? detail)
    {
        using var client = await Api.AsPlatformAdmin();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header is not null) request.Headers.Add("api-version", header);
        var response = await client.SendAsync(request, Ct);
        if (expected == HttpStatusCode.OK)
            (await response.ShouldBeJson(HttpStatusCode.OK)).GetProperty("username").GetString().ShouldNotBeNullOrEmpty();
        else
            (await response.ShouldBeProblem(expected)).GetProperty("detail").GetString().ShouldBe(detail);
        response.Headers.GetValues("api-supported-versions").Single().ShouldBe("1");
    }

    [Fact]
    public async Task Two_different_api_versions_in_one_request_are_refused_in_the_callers_language()
    {
        using var client = await Api.AsPlatformAdmin();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("api-version", ["1", "2"]);
        var problem = await (await client.SendAsync(request, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldBe("请求给出了多个不同的 API 版本。");
        problem.GetProperty("code").GetString().ShouldBe("AmbiguousApiVersion");
    }

    [Fact]
    public void The_service_hands_out_one_logger_per_category()
    {
        var factory = Api.Factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        factory.ShouldBeOfType<CachingLoggerFactory>();
        factory.CreateLogger("MentorCloud.Test").ShouldBeSameAs(factory.CreateLogger("MentorCloud.Test"));
    }

    [Fact]
    public async Task Problem_details_carry_the_security_headers_like_any_other_answer()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        using var anonymous = Api.Anonymous();

        ShouldCarrySecurityHeaders(await admin.GetAsync("/api/v1/me", Ct), HttpStatusCode.OK);
        ShouldCarrySecurityHeaders(await admin.GetAsync(school.Route($"students/{Guid.NewGuid()}"), Ct), HttpStatusCode.NotFound);
        ShouldCarrySecurityHeaders(await anonymous.GetAsync("/api/v1/me", Ct), HttpStatusCode.Unauthorized);
        ShouldCarrySecurityHeaders(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "", password = "" }, Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rate_limited_too_large_and_server_error_answers_carry_the_security_headers()
    {
        var school = await Api.CreateSchoolAsync();
        var token = await Api.TokenAsync(school.SchoolAdmin, TestApi.Password);
        // The same database, with one sign-in per window, a 2 KiB upload limit and a template writer that fails.
        await using var strict = App.Factory.WithWebHostBuilder(b => b
            .UseSetting("RateLimiting:Token:PermitLimit", "1")
            .UseSetting("Roster:MaxUploadBytes", "2048")
            .ConfigureTestServices(services => services.AddSingleton<IRosterTemplateWriter, FailingTemplateWriter>()));
        using var admin = strict.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var anonymous = strict.CreateClient();

        await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "someone", password = "Wrong-pass1" }, Ct);
        ShouldCarrySecurityHeaders(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "someone", password = "Wrong-pass1" }, Ct),
            HttpStatusCode.TooManyRequests);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[3000]), "file", "roster.xlsx" } };
        ShouldCarrySecurityHeaders(await admin.PostAsync(school.Route("roster/import"), form, Ct), HttpStatusCode.RequestEntityTooLarge);
        ShouldCarrySecurityHeaders(await admin.GetAsync(school.Route("roster/template"), Ct), HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task A_browser_front_end_of_an_allowed_origin_may_call_and_read_what_it_needs_and_another_origin_may_not()
    {
        const string front = "https://front.example.cn";
        var school = await Api.CreateSchoolAsync();
        var token = await Api.TokenAsync(school.SchoolAdmin, TestApi.Password);
        await using var configured = App.Factory.WithWebHostBuilder(b => b.UseSetting("Cors:AllowedOrigins:0", front));
        using var browser = configured.CreateClient();
        HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, school.Route($"students/{Guid.NewGuid()}/archive/family"));
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "PUT");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");
            return request;
        }
        HttpRequestMessage Get(string path, string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", origin);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }

        var preflight = await browser.SendAsync(Preflight(front), Ct);
        preflight.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        preflight.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([front]);
        preflight.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("PUT");
        preflight.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(',').ShouldBe(["authorization", "content-type", "if-match"], ignoreOrder: true);
        preflight.Headers.GetValues("Access-Control-Max-Age").ShouldBe(["600"]);

        var template = await browser.SendAsync(Get(school.Route("roster/template"), front), Ct);
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
        template.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([front]);
        template.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',')
            .ShouldBe(["Location", "ETag", "Retry-After", "Content-Disposition"], ignoreOrder: true);
        template.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");

        const string other = "https://elsewhere.example.com";
        (await browser.SendAsync(Preflight(other), Ct)).Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        var elsewhere = await browser.SendAsync(Get("/api/v1/me", other), Ct);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK); // the server answers; the browser withholds it from the page
        elsewhere.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        elsewhere.Headers.Contains("Access-Control-Expose-Headers").ShouldBeFalse();
    }

    private static void ShouldCarrySecurityHeaders(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Headers.TryGetValues("X-Content-Type-Options", out var sniffing).ShouldBeTrue($"X-Content-Type-Options on {status}");
        sniffing.ShouldBe(["nosniff"]);
        response.Headers.TryGetValues("X-Frame-Options", out var framing).ShouldBeTrue($"X-Frame-Options on {status}");
        framing.ShouldBe(["DENY"]);
        response.Headers.TryGetValues("Referrer-Policy", out var referrer).ShouldBeTrue($"Referrer-Policy on {status}");
        referrer.ShouldBe(["no-referrer"]);
        response.Headers.TryGetValues("Content-Security-Policy", out var csp).ShouldBeTrue($"Content-Security-Policy on {status}");
        csp.Single().ShouldContain("default-src 'none'");
    }

    private sealed class FailingTemplateWriter : IRosterTemplateWriter
    {
        public byte[] WriteTemplate() => throw new InvalidOperationException("The template cannot be written.");
    }

    [Fact]
    public async Task Enumerations_and_fields_are_camel_case()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var semester = await (await admin.PostAsJsonAsync(school.Route("semesters"),
            new { label = "本学期", startsOn = "2026-09-01", endsOn = "2027-01-20" }, Ct)).ShouldBeJson(HttpStatusCode.Created);
        var teacherId = await admin.CreateTeacherAsync(school);
        var classId = await admin.CreateClassAsync(school, teacherId);
        var studentResponse = await admin.PostAsJsonAsync(school.Route("students"), new
        {
            name = "张小红",
            studentNo = TestApi.UniqueCode("S"),
            classId,
            gender = "female",
            attentionFlags = new[] { "leftBehind", "singleParent" },
            guardians = new[] { new { name = "张母", relation = "母亲", phone = "13800000000" } },
        }, Ct);
        var studentId = (await studentResponse.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var group = await (await admin.PostAsJsonAsync(school.Route("mentor-groups"),
            new { classId, semesterId = semester.GetProperty("id").GetGuid(), mentorIds = new[] { teacherId } }, Ct)).ShouldBeJson(HttpStatusCode.Created);
        var groupId = group.GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync(school.Route($"mentor-groups/{groupId}/assignments/{studentId}"), new { mentorIds = new[] { teacherId } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var student = await (await admin.GetAsync(school.Route($"students/{studentId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        student.GetProperty("gender").GetString().ShouldBe("female");
        student.GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["leftBehind", "singleParent"], ignoreOrder: true);
        var mentorGroup = await (await admin.GetAsync(school.Route($"mentor-groups/{groupId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mentorGroup.GetProperty("phase").GetString().ShouldBe("draft");
        mentorGroup.GetProperty("students")[0].GetProperty("mentors")[0].GetProperty("source").GetString().ShouldBe("manual");
        var mentors = await (await admin.GetAsync(school.Route($"students/{studentId}/mentors"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mentors.GetRawText().ShouldContain("\"source\":\"manual\"");
        var policy = await (await admin.GetAsync(school.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK);

        foreach (var body in new[] { student, mentorGroup, mentors, policy })
            PropertyNamesNotInCamelCase(body).ShouldBeEmpty();
    }

    private static IEnumerable<string> PropertyNamesNotInCamelCase(JsonElement element, string path = "$") => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            (char.IsUpper(p.Name[0]) || p.Name.Contains('_') ? [$"{path}.{p.Name}"] : Enumerable.Empty<string>())
                .Concat(PropertyNamesNotInCamelCase(p.Value, $"{path}.{p.Name}"))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((item, i) => PropertyNamesNotInCamelCase(item, $"{path}[{i}]")),
        _ => [],
    };
}

public sealed class PlatformTestsOnSqlite(SqliteApp app) : PlatformTests<SqliteApp>(app);

public sealed class PlatformTestsOnPostgres(PostgresApp app) : PlatformTests<PostgresApp>(app);
