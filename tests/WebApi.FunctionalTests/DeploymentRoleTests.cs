using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Hangfire;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// One binary in three roles: the <c>migrate</c> command (migrations once, no web host), API replicas that do not migrate at
/// start (<c>Database:MigrateOnStartup=false</c>), and job servers without the API (<c>Api:Enabled=false</c>).
/// </summary>
public abstract class DeploymentRoleTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    [Fact]
    public async Task The_migrate_command_migrates_once_without_a_web_host_and_a_replica_that_does_not_migrate_serves_from_it()
    {
        var database = App.Factory.Database.NewDatabase();

        var first = await RunMigrateAsync(database);
        first.ExitCode.ShouldBe(0, first.Output);
        first.Output.ShouldNotContain("Now listening", Case.Insensitive, "the command starts no web host");
        first.Output.ShouldContain("Migrations applied");

        var again = await RunMigrateAsync(database);
        again.ExitCode.ShouldBe(0, again.Output);

        await using var replica = new MentorCloudFactory(App.Factory.Database, database, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        using var client = replica.CreateClient();
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = MentorCloudFactory.PlatformAdmin, password = MentorCloudFactory.PlatformPassword }, Ct);
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_replica_that_does_not_migrate_at_start_leaves_an_empty_database_empty_and_fails_to_start()
    {
        var database = App.Factory.Database.NewDatabase();
        await using var replica = new MentorCloudFactory(App.Factory.Database, database, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });

        Should.Throw<Exception>(() => replica.Server);

        // The command finds every migration still pending: the replica applied none.
        var migrate = await RunMigrateAsync(database);
        migrate.ExitCode.ShouldBe(0, migrate.Output);
        migrate.Output.ShouldContain("Applying migration", Case.Insensitive);
    }

    [Fact]
    public async Task The_migrate_command_exits_non_zero_when_the_database_does_not_answer()
    {
        var unreachable = App.Factory.Database.UnreachableDatabaseServer().Replace("{database}", "mc_nowhere", StringComparison.Ordinal);

        var result = await RunMigrateAsync(unreachable);

        result.ExitCode.ShouldBe(1, result.Output);
        result.Output.ShouldContain("Migrations of the catalog or the shared school database failed");
    }

    [Fact]
    public async Task A_job_server_without_the_api_answers_health_only_and_runs_its_job_server()
    {
        await using var jobServer = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(), new Dictionary<string, string?>
        {
            ["Api:Enabled"] = "false",
            ["Jobs:Enabled"] = "true",
            ["Jobs:Storage"] = "InMemory",
        });
        using var client = jobServer.CreateClient();

        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready", Ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync(Ct));
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = MentorCloudFactory.PlatformAdmin, password = MentorCloudFactory.PlatformPassword }, Ct);
        token.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var path in new[] { "/api/v1/schools", "/openapi/v1.json", "/scalar", "/jobs" })
            (await client.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);

        jobServer.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ShouldContain(r => r.Name == "job-storage");
        var monitoring = jobServer.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (monitoring.Servers().Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(100, Ct);
        monitoring.Servers().Count.ShouldBe(1, "the job server announced itself");
    }

    [Fact]
    public async Task An_api_replica_without_jobs_serves_the_api_and_runs_no_job_server()
    {
        // The class's application is such a replica (Jobs:Enabled=false, Api:Enabled by default).
        using var client = await Api.AsPlatformAdmin();
        (await client.GetAsync("/openapi/v1.json", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        App.Factory.Services.GetServices<IHostedService>().ShouldNotContain(s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_with_neither_the_api_nor_jobs_refuses_to_start()
    {
        await using var nothing = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(), new Dictionary<string, string?>
        {
            ["Api:Enabled"] = "false",
            ["Jobs:Enabled"] = "false",
        });

        Should.Throw<Exception>(() => nothing.Server).ToString().ShouldContain("Api:Enabled and Jobs:Enabled are both false");
    }

    /// <summary>Runs <c>dotnet MentorCloud.WebApi.dll migrate</c> as its own process, configured by environment variables as in a container.</summary>
    private async Task<(int ExitCode, string Output)> RunMigrateAsync(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "MentorCloud.WebApi.dll"), "migrate" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = App.Factory.Database.Provider;
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Jwt__SigningKey"] = MentorCloudFactory.SigningKey;
        start.Environment["Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore"] = "Information";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}

public sealed class DeploymentRoleTestsOnSqlite(SqliteApp app) : DeploymentRoleTests<SqliteApp>(app);

public sealed class DeploymentRoleTestsOnPostgres(PostgresApp app) : DeploymentRoleTests<PostgresApp>(app);
