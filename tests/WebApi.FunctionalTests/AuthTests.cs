using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class AuthTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    [Fact]
    public async Task Token_is_issued_for_good_credentials_and_me_describes_the_caller()
    {
        var school = await Api.CreateSchoolAsync();
        using var anonymous = Api.Anonymous();

        var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = school.SchoolAdmin, password = TestApi.Password }, Ct);
        var body = await token.ShouldBeJson(HttpStatusCode.OK);
        body.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        body.GetProperty("expiresIn").GetInt32().ShouldBe(3600);

        using var client = Api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        var me = await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK);
        me.GetProperty("username").GetString().ShouldBe(school.SchoolAdmin);
        me.GetProperty("displayName").GetString().ShouldBe("校管理员");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["school-admin"]);
        me.GetProperty("schoolCode").GetString().ShouldBe(school.School);
        me.GetProperty("districtCode").GetString().ShouldBe(school.District);
        me.GetProperty("userId").GetGuid().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Bad_password_and_unknown_user_answer_401()
    {
        var (_, admin) = await Api.CreateDistrictAsync();
        using var client = Api.Anonymous("en");

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = admin, password = "Wrong-pass1" }, Ct);
        (await wrong.ShouldBeProblem(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe("Invalid username or password.");

        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = "Wrong-pass1" }, Ct);
        await unknown.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Problems_speak_the_accept_language_and_no_query_or_cookie_changes_it()
    {
        var (_, admin) = await Api.CreateDistrictAsync();
        var body = new { username = admin, password = "Wrong-pass1" };
        using var english = Api.Anonymous("en");
        using var chinese = Api.Anonymous();

        var inEnglish = await english.PostAsJsonAsync("/api/v1/auth/token", body, Ct);
        (await inEnglish.ShouldBeProblem(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldBe("Invalid username or password.");
        inEnglish.Content.Headers.ContentLanguage.ShouldBe(["en"]);

        using var byQuery = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token?culture=en&ui-culture=en") { Content = JsonContent.Create(body) };
        byQuery.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var stillChinese = await chinese.SendAsync(byQuery, Ct);
        (await stillChinese.ShouldBeProblem(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString().ShouldNotBe("Invalid username or password.");
        stillChinese.Content.Headers.ContentLanguage.ShouldBe(["zh-CN"]);
    }

    [Fact]
    public async Task Missing_credentials_answer_400_with_field_errors()
    {
        using var client = Api.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "", password = "" }, Ct);
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("username").ShouldNotBeEmpty();
        problem.ErrorsFor("password").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Malformed_json_answers_400_problem()
    {
        using var client = Api.Anonymous();
        var response = await client.PostAsync("/api/v1/auth/token", new StringContent("{not json", Encoding.UTF8, "application/json"), Ct);
        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Account_locks_after_repeated_failures_even_for_the_right_password()
    {
        var (_, admin) = await Api.CreateDistrictAsync();
        using var client = Api.Anonymous("en");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failed = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = admin, password = "Wrong-pass1" }, Ct);
            failed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = admin, password = TestApi.Password }, Ct);
        var problem = await locked.ShouldBeProblem(HttpStatusCode.Unauthorized);
        problem.GetProperty("lockedOut").GetBoolean().ShouldBeTrue();
        problem.GetProperty("detail").GetString()!.ShouldContain("locked");
    }

    [Fact]
    public async Task Failures_below_the_limit_are_forgiven_by_a_successful_sign_in()
    {
        var (_, admin) = await Api.CreateDistrictAsync();
        using var client = Api.Anonymous();
        for (var round = 0; round < 2; round++)
        {
            for (var attempt = 0; attempt < 4; attempt++)
                (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = admin, password = "Wrong-pass1" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = admin, password = TestApi.Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task No_token_answers_401_problem_saying_to_sign_in()
    {
        using var client = Api.Anonymous();
        var problem = await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe("请先登录:在 Authorization 请求头中携带访问令牌(Bearer)。");
    }

    [Fact]
    public async Task Expired_token_answers_401_saying_it_was_refused()
    {
        var token = ForgeToken(DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1), MentorCloudFactory.SigningKey);
        using var client = Api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var problem = await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe("访问令牌无效或已过期,请重新登录。");
    }

    [Fact]
    public async Task Token_signed_with_another_key_answers_401_saying_it_was_refused()
    {
        var token = ForgeToken(DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1), "some-other-signing-key-0123456789abcdef0123");
        using var client = Api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var problem = await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe("访问令牌无效或已过期,请重新登录。");
    }

    [Fact]
    public async Task Messages_follow_accept_language_with_chinese_by_default()
    {
        using var chinese = Api.Anonymous();
        var zh = await (await chinese.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = "x1" }, Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        zh.GetProperty("detail").GetString().ShouldBe("用户名或密码错误。");
        zh.GetProperty("title").GetString().ShouldBe("未通过身份验证");

        using var english = Api.Anonymous("en-US");
        var en = await (await english.PostAsJsonAsync("/api/v1/auth/token", new { username = "", password = "" }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        en.GetProperty("title").GetString().ShouldBe("One or more validation errors occurred");
        en.ErrorsFor("username")[0].ShouldContain("must not be empty");
    }

    [Fact]
    public async Task Token_endpoint_is_rate_limited()
    {
        await using var limited = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            new Dictionary<string, string?> { ["RateLimiting:Token:PermitLimit"] = "3" });
        using var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "someone", password = "Wrong-pass1" }, Ct)).StatusCode);

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        var rejected = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "someone", password = "Wrong-pass1" }, Ct);
        await rejected.ShouldBeProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Parallel_wrong_passwords_all_answer_401_and_every_one_counts_towards_lockout()
    {
        var (_, admin) = await Api.CreateDistrictAsync();
        const string address = "198.51.100.20";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = Api.Anonymous();
            return (await SignInAsync(client, admin, "Wrong-pass1", address)).StatusCode;
        }));

        statuses.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        using var again = Api.Anonymous();
        (await (await SignInAsync(again, admin, TestApi.Password, address)).ShouldBeProblem(HttpStatusCode.Unauthorized))
            .GetProperty("lockedOut").GetBoolean().ShouldBeTrue();
        var normalized = admin.ToUpperInvariant();
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var failures = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().SignInFailures.AsNoTracking()
            .SingleAsync(f => f.NormalizedUsername == normalized && f.ClientAddress == address, Ct);
        failures.FailedCount.ShouldBeGreaterThanOrEqualTo(5);
        failures.LockoutEnd.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_lockout_from_one_address_leaves_the_account_open_from_another()
    {
        var (_, admin) = await Api.CreateDistrictAsync();
        using var client = Api.Anonymous();
        for (var attempt = 0; attempt < 5; attempt++)
            (await SignInAsync(client, admin, "Wrong-pass1", "198.51.100.30")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await SignInAsync(client, admin, TestApi.Password, "203.0.113.30")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await SignInAsync(client, admin, TestApi.Password, "198.51.100.30")).ShouldBeProblem(HttpStatusCode.Unauthorized))
            .GetProperty("lockedOut").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_token_window()
    {
        await using var proxied = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(), new Dictionary<string, string?>
        {
            ["RateLimiting:Token:PermitLimit"] = "2",
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.1",
        });
        using var client = proxied.CreateClient();

        async Task<HttpStatusCode> SignIn(string forwardedFor) =>
            (await SignInAsync(client, "someone", "Wrong-pass1", "192.0.2.1", forwardedFor)).StatusCode;

        (await SignIn("203.0.113.10")).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignIn("203.0.113.10")).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignIn("203.0.113.10")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await SignIn("203.0.113.20")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_caller_changes_neither_its_rate_limit_nor_its_lockout()
    {
        await using var proxied = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(), new Dictionary<string, string?>
        {
            ["RateLimiting:Token:PermitLimit"] = "6",
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownNetworks:0"] = "192.0.2.0/24",
        });
        var api = new TestApi(proxied);
        var (_, admin) = await api.CreateDistrictAsync();
        using var client = proxied.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
            (await SignInAsync(client, admin, "Wrong-pass1", "198.51.100.40", $"203.0.113.{attempt + 1}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var locked = await SignInAsync(client, admin, TestApi.Password, "198.51.100.40", "203.0.113.99");
        (await locked.ShouldBeProblem(HttpStatusCode.Unauthorized)).GetProperty("lockedOut").GetBoolean().ShouldBeTrue();
        await (await SignInAsync(client, admin, TestApi.Password, "198.51.100.40", "203.0.113.100")).ShouldBeProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_taken_username_or_code_is_refused_without_naming_the_school_or_district_that_holds_it()
    {
        var taken = await Api.CreateSchoolAsync();
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin, language: "en");

        var sameAdmin = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools", new
        {
            code = TestApi.UniqueCode("s"), name = "Another school",
            admin = new { username = taken.SchoolAdmin, password = TestApi.Password, displayName = "校管理员" },
        }, Ct);
        var sameCode = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools", new
        {
            code = taken.School, name = "Another school",
            admin = new { username = TestApi.UniqueCode("a"), password = TestApi.Password, displayName = "校管理员" },
        }, Ct);

        foreach (var response in new[] { sameAdmin, sameCode })
        {
            var detail = (await response.ShouldBeProblem(HttpStatusCode.Conflict)).GetRawText();
            detail.ShouldNotContain($"School {taken.School}");
            detail.ShouldNotContain(taken.District);
        }
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password, string address, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add(MentorCloudFactory.ClientAddressHeader, address);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request, Ct);
    }

    private static string ForgeToken(DateTime notBefore, DateTime expires, string key) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("name", "platform"), new Claim("role", "platform-admin")]),
            Issuer = "mentorcloud",
            Audience = "mentorcloud-api",
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}

public sealed class AuthTestsOnSqlite(SqliteApp app) : AuthTests<SqliteApp>(app);

public sealed class AuthTestsOnPostgres(PostgresApp app) : AuthTests<PostgresApp>(app);
