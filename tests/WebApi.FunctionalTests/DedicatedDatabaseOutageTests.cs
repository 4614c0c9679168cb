using System.Net;
using System.Net.Http.Json;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Tenancy;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// A dedicated database that does not answer makes its school answer 503 and leaves every other school working, at start-up
/// too; a shared database that does not answer makes its requests answer 503 until a re-check finds it answering
/// (<c>SharedDatabaseOutageTests</c>: what is remembered meanwhile).
/// </summary>
public abstract class DedicatedDatabaseOutageTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    [Fact]
    public async Task A_school_whose_database_does_not_answer_at_start_up_answers_503_while_the_others_are_served_until_its_database_answers_again()
    {
        SchoolSetup school, other;
        string database;
        await using (var before = NewApp())
        {
            var first = new TestApi(before);
            school = await first.CreateSchoolAsync(MentorCloudFactory.DedicatedServer);
            other = await first.CreateSchoolAsync();
            database = DedicatedDatabaseOf(before, school);
        }
        await App.Factory.Database.SetOfflineAsync(database, offline: true);

        await using var restarted = NewApp();
        var api = new TestApi(restarted);

        await ShouldBeUnavailableAsync(api, school);
        await ShouldBeServedAsync(api, other);
        using (var stranger = await api.As(other.SchoolAdmin))
            await (await stranger.GetAsync(school.Route("policy"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await ShouldBeDegradedAsync(api);
        (await StatusInDistrictListAsync(api, school)).ShouldBe("unavailable");

        await App.Factory.Database.SetOfflineAsync(database, offline: false);
        await restarted.Services.GetRequiredService<TenantDatabases>().RecheckAsync(Ct);

        await ShouldBeServedAsync(api, school);
        (await ReadyAsync(api)).ShouldBe("Healthy");
        (await StatusInDistrictListAsync(api, school)).ShouldBe("ready");
    }

    [Fact]
    public async Task A_school_whose_database_stops_answering_answers_503_from_the_failing_request_on_and_is_served_again_once_it_answers()
    {
        await using var factory = NewApp();
        var api = new TestApi(factory);
        var school = await api.CreateSchoolAsync(MentorCloudFactory.DedicatedServer);
        var other = await api.CreateSchoolAsync();
        await ShouldBeServedAsync(api, school);
        var database = DedicatedDatabaseOf(factory, school);

        await factory.Database.SetOfflineAsync(database, offline: true);

        using (var admin = await api.As(school.SchoolAdmin))
        {
            var failing = await admin.GetAsync(school.Route("teachers"), Ct);
            await failing.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            failing.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        }
        await ShouldBeUnavailableAsync(api, school);
        await ShouldBeServedAsync(api, other);
        await ShouldBeDegradedAsync(api);
        (await StatusInDistrictListAsync(api, school)).ShouldBe("unavailable");

        await factory.Database.SetOfflineAsync(database, offline: false);
        await factory.Services.GetRequiredService<TenantDatabases>().RecheckAsync(Ct);

        await ShouldBeServedAsync(api, school);
        (await ReadyAsync(api)).ShouldBe("Healthy");
        (await StatusInDistrictListAsync(api, school)).ShouldBe("ready");
    }

    [Fact]
    public async Task Readiness_is_unhealthy_when_the_catalog_database_does_not_answer_and_names_no_host()
    {
        var server = App.Factory.Database;
        var catalog = server.NewDatabaseServer().Replace("{database}", $"mc_catalog_{Guid.NewGuid():N}");
        await using var factory = new MentorCloudFactory(server, catalog);
        var api = new TestApi(factory);
        (await ReadyAsync(api)).ShouldBe("Healthy");

        await server.SetOfflineAsync(catalog, offline: true);
        try
        {
            (await ReadinessAsync(api)).ShouldBe((HttpStatusCode.ServiceUnavailable, "Unhealthy"));
        }
        finally
        {
            await server.SetOfflineAsync(catalog, offline: false);
        }
    }

    [Fact]
    public async Task Requests_answer_503_while_the_shared_database_does_not_answer_store_nothing_and_are_served_again_once_a_recheck_finds_it_answering()
    {
        var server = App.Factory.Database;
        var shared = server.NewDatabaseServer().Replace("{database}", $"mc_shared_{Guid.NewGuid():N}");
        await using var factory = new MentorCloudFactory(server, shared);
        var api = new TestApi(factory);
        var school = await api.CreateSchoolAsync();
        using var admin = await api.As(school.SchoolAdmin);
        var before = await (await admin.GetAsync(school.Route("teachers"), Ct)).ShouldBeJson(HttpStatusCode.OK);

        await server.SetOfflineAsync(shared, offline: true);
        try
        {
            var read = await admin.GetAsync(school.Route("teachers"), Ct);
            await read.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            read.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
            var write = await admin.PostAsJsonAsync(school.Route("teachers"), new { name = "停机教师", employeeNo = "OUTAGE-1", subjects = Array.Empty<string>() }, Ct);
            await write.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
            (await ReadinessAsync(api)).ShouldBe((HttpStatusCode.ServiceUnavailable, "Unhealthy"));
        }
        finally
        {
            await server.SetOfflineAsync(shared, offline: false);
        }

        await factory.Services.GetRequiredService<TenantDatabases>().RecheckAsync(Ct);

        (await ReadyAsync(api)).ShouldBe("Healthy");
        var after = await (await admin.GetAsync(school.Route("teachers"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        after.GetProperty("totalCount").GetInt32().ShouldBe(before.GetProperty("totalCount").GetInt32());
        after.ToString().ShouldNotContain("OUTAGE-1");
    }

    [Fact]
    public async Task A_database_server_without_the_database_placeholder_stops_the_start_with_a_clear_message()
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            new Dictionary<string, string?> { ["Tenancy:DatabaseServers:broken"] = "Data Source=one-file-for-every-school.db" });

        var failure = Should.Throw<Exception>(() => factory.Server);

        failure.ToString().ShouldContain("Tenancy:DatabaseServers:broken must be a connection string with the placeholder {database}");
    }

    private MentorCloudFactory NewApp() => new(App.Factory.Database, App.Factory.ConnectionString);

    private static string DedicatedDatabaseOf(MentorCloudFactory factory, SchoolSetup school) =>
        factory.DedicatedServerConnectionString.Replace("{database}", DedicatedDatabase.NameFor(school.School));

    private static async Task ShouldBeUnavailableAsync(TestApi api, SchoolSetup school)
    {
        using var admin = await api.As(school.SchoolAdmin);
        var response = await admin.GetAsync(school.Route("policy"), Ct);
        await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
    }

    private static async Task ShouldBeServedAsync(TestApi api, SchoolSetup school)
    {
        using var admin = await api.As(school.SchoolAdmin);
        await (await admin.GetAsync(school.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK);
    }

    private static async Task ShouldBeDegradedAsync(TestApi api)
    {
        var ready = await ReadyAsync(api);
        ready.ShouldStartWith("Degraded");
        ready.ShouldContain("school database(s) unavailable");
    }

    private static async Task<string> ReadyAsync(TestApi api)
    {
        var (status, body) = await ReadinessAsync(api);
        status.ShouldBe(HttpStatusCode.OK);
        return body;
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(TestApi api)
    {
        using var client = api.Anonymous();
        var response = await client.GetAsync("/health/ready", Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<string> StatusInDistrictListAsync(TestApi api, SchoolSetup school)
    {
        using var districtAdmin = await api.As(school.DistrictAdmin);
        var list = await (await districtAdmin.GetAsync($"/api/v1/districts/{school.District}/schools", Ct)).ShouldBeJson(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("code").GetString() == school.School).GetProperty("status").GetString()!;
    }
}

public sealed class DedicatedDatabaseOutageTestsOnSqlite(SqliteApp app) : DedicatedDatabaseOutageTests<SqliteApp>(app);

public sealed class DedicatedDatabaseOutageTestsOnPostgres(PostgresApp app) : DedicatedDatabaseOutageTests<PostgresApp>(app);
