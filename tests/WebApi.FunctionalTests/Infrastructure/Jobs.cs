using System.Collections.Concurrent;
using System.Net;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>An app whose webhooks may go to this machine's test receivers (host <c>localhost</c>), retried without waiting long.</summary>
public abstract class JobsAppFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowedHosts:0"] = "localhost",
        ["Webhooks:RetryAttempts"] = "3",
        ["Webhooks:RetryDelay"] = "00:00:00.020",
        ["Webhooks:AttemptTimeout"] = "00:00:05",
    };
}

public sealed class SqliteJobsApp : JobsAppFixture
{
    protected override Task<ITestDatabaseServer> GetServerAsync() => Task.FromResult<ITestDatabaseServer>(SqliteTestServer.Instance);
}

public sealed class PostgresJobsApp : JobsAppFixture
{
    protected override async Task<ITestDatabaseServer> GetServerAsync() => await PostgresTestServer.GetAsync();
}

/// <summary>Runs jobs as the job server would: created through the app's job client (its filters), performed with its activator and filters.</summary>
public static class JobRunner
{
    public static string Enqueue<TJob>(IServiceProvider services, SchoolSetup school) where TJob : ISchoolJob =>
        SchoolFanOut.Enqueue<TJob>(services.GetRequiredService<IBackgroundJobClient>(), new SchoolJob(school.SchoolId, school.School));

    public static void Perform(IServiceProvider services, string jobId)
    {
        var storage = services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var data = connection.GetJobData(jobId) ?? throw new InvalidOperationException($"No job {jobId}.");
        var performer = new BackgroundJobPerformer(services.GetRequiredService<IJobFilterProvider>(), services.GetRequiredService<JobActivator>(), TaskScheduler.Default);
        performer.Perform(new PerformContext(storage, connection, new BackgroundJob(jobId, data.Job, data.CreatedAt), new JobCancellationToken(false)));
    }

    public static void RunSchoolJob<TJob>(IServiceProvider services, SchoolSetup school) where TJob : ISchoolJob => Perform(services, Enqueue<TJob>(services, school));

    /// <summary>A school's scope as a school job gets it.</summary>
    public static async Task<AsyncServiceScope> SchoolScopeAsync(IServiceProvider services, SchoolSetup school)
    {
        TenantInfo tenant;
        await using (var lookup = services.CreateAsyncScope())
            tenant = (await lookup.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(school.SchoolId, CancellationToken.None))!;
        return services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);
    }

    /// <summary>The school's district rollup as the nightly job runs it, its clock at <paramref name="at"/>; the school's one snapshot.</summary>
    public static async Task<DistrictStatisticsSnapshot> RollUpSchoolAsync(IServiceProvider services, SchoolSetup school, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = await SchoolScopeAsync(services, school);
        await ActivatorUtilities.CreateInstance<DistrictRollup>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(at)).RollUpSchoolAsync(cancellationToken);
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().DistrictStatistics.AsNoTracking()
            .SingleAsync(x => x.SchoolId == school.SchoolId, cancellationToken);
    }
}

/// <summary>A webhook receiver on a free loopback port: records each request and answers with the next planned status (then 200).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<HttpStatusCode> _plan = new();

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public HttpStatusCode Otherwise { get; set; } = HttpStatusCode.OK;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => $"http://localhost:{new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port}/hook";

    public void Plan(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses) _plan.Enqueue(status);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(http.Request.Headers["X-MentorCloud-Signature"].ToString(),
                http.Request.Headers["X-MentorCloud-Delivery"].ToString(), body));
            return Results.StatusCode((int)(receiver._plan.TryDequeue(out var status) ? status : receiver.Otherwise));
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedWebhook(string Signature, string DeliveryId, string Body);
