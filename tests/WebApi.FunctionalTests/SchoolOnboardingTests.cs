using System.Net;
using System.Net.Http.Json;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class SchoolOnboardingTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static object NewSchool(string code, string? admin = null, string? databaseServer = null) =>
        new { code, name = "实验小学", admin = new { username = admin ?? $"{code}-admin", password = TestApi.Password, displayName = "校管理员" }, databaseServer };

    [Fact]
    public async Task District_admin_onboards_a_school_whose_admin_reads_the_default_policy()
    {
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin);
        var code = TestApi.UniqueCode("school");

        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools", NewSchool(code), Ct);

        var school = await response.ShouldBeJson(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/districts/{district}/schools/{code}");
        school.GetProperty("code").GetString().ShouldBe(code);
        school.GetProperty("districtCode").GetString().ShouldBe(district);
        school.GetProperty("hasDedicatedDatabase").GetBoolean().ShouldBeFalse();
        school.TryGetProperty("connectionString", out _).ShouldBeFalse();

        using var schoolAdmin = await Api.As($"{code}-admin");
        var policy = await (await schoolAdmin.GetAsync($"/api/v1/schools/{code}/policy", Ct)).ShouldBeJson(HttpStatusCode.OK);
        policy.GetProperty("maxStudentsPerMentor").GetInt32().ShouldBe(15);
        policy.GetProperty("maxMentorsPerStudent").GetInt32().ShouldBe(3);
        policy.GetProperty("maxPreferences").GetInt32().ShouldBe(3);
        policy.GetProperty("minTalks").GetInt32().ShouldBe(1);
        policy.GetProperty("minParentContacts").GetInt32().ShouldBe(1);
        policy.GetProperty("minEvaluations").GetInt32().ShouldBe(1);
        policy.GetProperty("monthlyReportRequired").GetBoolean().ShouldBeTrue();
        policy.GetProperty("reminderDaysBeforeEnd").EnumerateArray().Select(d => d.GetInt32()).ShouldBe([30, 14, 7, 1]);
        policy.GetProperty("monthlyReportReminderDay").GetInt32().ShouldBe(25);
        policy.GetProperty("requireGuardianConsent").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Schools_of_a_district_are_listed()
    {
        var first = await Api.CreateSchoolAsync();
        using var client = await Api.As(first.DistrictAdmin);
        var second = TestApi.UniqueCode("s");
        (await client.PostAsJsonAsync($"/api/v1/districts/{first.District}/schools", NewSchool(second), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var elsewhere = await Api.CreateSchoolAsync();

        var list = await (await client.GetAsync($"/api/v1/districts/{first.District}/schools", Ct)).ShouldBeJson(HttpStatusCode.OK);

        var codes = list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("code").GetString()!).ToList();
        codes.ShouldBe(new[] { first.School, second }.Order(StringComparer.Ordinal).ToList());
        codes.ShouldNotContain(elsewhere.School);
        list.GetProperty("totalCount").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Invalid_school_answers_400_with_field_errors_and_stores_nothing()
    {
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin);

        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools",
            new { code = "Bad_Code", name = "", admin = new { username = "x", password = "password", displayName = "" } }, Ct);

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("code").ShouldNotBeEmpty();
        problem.ErrorsFor("name").ShouldNotBeEmpty();
        problem.ErrorsFor("admin.username").ShouldNotBeEmpty();
        problem.ErrorsFor("admin.password").ShouldNotBeEmpty();
        problem.ErrorsFor("admin.displayName").ShouldNotBeEmpty();
        var list = await (await client.GetAsync($"/api/v1/districts/{district}/schools", Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_school_on_a_configured_server_gets_its_own_database_named_after_it()
    {
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin);
        var code = TestApi.UniqueCode("s");

        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools", NewSchool(code, databaseServer: MentorCloudFactory.DedicatedServer), Ct);

        var school = await response.ShouldBeJson(HttpStatusCode.Created);
        school.GetProperty("hasDedicatedDatabase").GetBoolean().ShouldBeTrue();
        school.GetProperty("status").GetString().ShouldBe("ready");
        school.TryGetProperty("connectionString", out _).ShouldBeFalse();
        (await StoredConnectionStringAsync(code)).ShouldBe(App.Factory.DedicatedServerConnectionString.Replace("{database}", DedicatedDatabase.NameFor(code)));
        using var schoolAdmin = await Api.As($"{code}-admin");
        (await schoolAdmin.GetAsync($"/api/v1/schools/{code}/policy", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await (await client.GetAsync($"/api/v1/districts/{district}/schools", Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetRawText().ShouldNotContain(DedicatedDatabase.NameFor(code));
    }

    [Fact]
    public async Task A_connection_string_sent_by_a_caller_is_not_honoured_and_the_school_stays_in_the_shared_database()
    {
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin);
        var code = TestApi.UniqueCode("s");
        var usable = App.Factory.Database.NewDatabase();

        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools",
            new { code, name = "实验小学", admin = new { username = $"{code}-admin", password = TestApi.Password, displayName = "校管理员" }, connectionString = usable }, Ct);

        (await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("hasDedicatedDatabase").GetBoolean().ShouldBeFalse();
        (await StoredConnectionStringAsync(code)).ShouldBeNull();
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var shared = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var schoolId = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Schools.Where(s => s.Code == code).Select(s => s.Id).SingleAsync(Ct);
        (await shared.SchoolPolicies.IgnoreQueryFilters([ApplicationDbContext.TenantFilter])
            .CountAsync(p => EF.Property<Guid>(p, ApplicationDbContext.TenantIdProperty) == schoolId, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_database_server_answers_422_and_stores_nothing()
    {
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin, language: "en");
        var code = TestApi.UniqueCode("s");

        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools", NewSchool(code, databaseServer: "Host=10.0.0.1;Database=x"), Ct);

        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString()!.ShouldContain("No database server named 'Host=10.0.0.1;Database=x' is configured");
        problem.GetProperty("rule").GetString().ShouldBe("Tenancy");
        await ShouldStoreNothingAsync(client, district, code);
    }

    [Fact]
    public async Task A_blank_database_server_answers_400()
    {
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin);
        var code = TestApi.UniqueCode("s");

        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools", NewSchool(code, databaseServer: " "), Ct);

        (await response.ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("databaseServer").ShouldNotBeEmpty();
        await ShouldStoreNothingAsync(client, district, code);
    }

    [Fact]
    public async Task Onboarding_on_a_server_that_does_not_answer_answers_503_and_stores_nothing()
    {
        var (district, districtAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(districtAdmin);
        var code = TestApi.UniqueCode("s");

        var response = await client.PostAsJsonAsync($"/api/v1/districts/{district}/schools", NewSchool(code, databaseServer: MentorCloudFactory.UnreachableServer), Ct);

        await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        await ShouldStoreNothingAsync(client, district, code);
    }

    [Fact]
    public async Task Platform_and_district_admins_see_the_names_of_the_database_servers_and_never_their_connection_strings()
    {
        var school = await Api.CreateSchoolAsync();
        using var platform = await Api.AsPlatformAdmin();
        using var districtAdmin = await Api.As(school.DistrictAdmin);

        foreach (var client in new[] { platform, districtAdmin })
        {
            var response = await client.GetAsync("/api/v1/database-servers", Ct);
            var list = await response.ShouldBeJson(HttpStatusCode.OK);
            list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldBe([MentorCloudFactory.DedicatedServer, MentorCloudFactory.UnreachableServer]);
            list.GetProperty("totalCount").GetInt32().ShouldBe(2);
            list.GetProperty("page").GetInt32().ShouldBe(1);
            var text = list.GetRawText();
            text.ShouldNotContain("Data Source", Case.Insensitive);
            text.ShouldNotContain("Host=", Case.Insensitive);
            text.ShouldNotContain("{database}");
        }

        using var schoolAdmin = await Api.As(school.SchoolAdmin);
        await (await schoolAdmin.GetAsync("/api/v1/database-servers", Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private async Task<string?> StoredConnectionStringAsync(string code)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Schools.Where(s => s.Code == code).Select(s => s.ConnectionString).SingleAsync(Ct);
    }

    private async Task ShouldStoreNothingAsync(HttpClient districtAdmin, string district, string code)
    {
        var list = await (await districtAdmin.GetAsync($"/api/v1/districts/{district}/schools", Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("totalCount").GetInt32().ShouldBe(0);
        using var anonymous = Api.Anonymous();
        (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = $"{code}-admin", password = TestApi.Password }, Ct)).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Duplicate_school_code_answers_409_even_across_districts()
    {
        var existing = await Api.CreateSchoolAsync();
        var (other, otherAdmin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(otherAdmin);

        await (await client.PostAsJsonAsync($"/api/v1/districts/{other}/schools", NewSchool(existing.School, admin: TestApi.UniqueCode("u")), Ct))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync($"/api/v1/districts/{other}/schools", NewSchool(TestApi.UniqueCode("s"), admin: existing.SchoolAdmin), Ct))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        var list = await (await client.GetAsync($"/api/v1/districts/{other}/schools", Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Onboarding_needs_the_district_admin_of_that_district()
    {
        var school = await Api.CreateSchoolAsync();
        var (_, strangerAdmin) = await Api.CreateDistrictAsync();
        var body = NewSchool(TestApi.UniqueCode("s"));

        using var anonymous = Api.Anonymous();
        await (await anonymous.PostAsJsonAsync($"/api/v1/districts/{school.District}/schools", body, Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);

        using var schoolAdmin = await Api.As(school.SchoolAdmin);
        await (await schoolAdmin.PostAsJsonAsync($"/api/v1/districts/{school.District}/schools", body, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await schoolAdmin.GetAsync($"/api/v1/districts/{school.District}/schools", Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);

        using var platform = await Api.AsPlatformAdmin();
        await (await platform.PostAsJsonAsync($"/api/v1/districts/{school.District}/schools", body, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);

        using var stranger = await Api.As(strangerAdmin);
        await (await stranger.PostAsJsonAsync($"/api/v1/districts/{school.District}/schools", body, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

public sealed class SchoolOnboardingTestsOnSqlite(SqliteApp app) : SchoolOnboardingTests<SqliteApp>(app);

public sealed class SchoolOnboardingTestsOnPostgres(PostgresApp app) : SchoolOnboardingTests<PostgresApp>(app);
