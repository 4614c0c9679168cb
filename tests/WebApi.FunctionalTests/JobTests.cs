using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Webhooks;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Idempotency;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>The job engine: school jobs run in their own school only, the dashboard is the platform admins', retention purges only what is past it.</summary>
public abstract class JobTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private IServiceProvider Services => App.Factory.Services;

    private async Task<(SchoolSetup School, Guid Webhook)> SchoolWithPendingEventAsync(WebhookReceiver receiver)
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var webhook = (await (await admin.PostAsJsonAsync(school.Route("webhooks"),
            new { url = receiver.Url, events = new[] { WebhookEvents.StudentLeft }, secret = "whsec-test-0123456789abcdef" }, Ct)).ShouldBeJson(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school));
        var student = await admin.CreateStudentAsync(school, classId);
        (await admin.PostAsync(school.Route($"students/{student}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (school, webhook);
    }

    private async Task<(List<OutboxMessage> Outbox, int Deliveries)> StateOfAsync(SchoolSetup school)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, school);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return (await db.OutboxMessages.AsNoTracking().ToListAsync(Ct), await db.WebhookDeliveries.CountAsync(Ct));
    }

    [Fact]
    public async Task A_job_enqueued_for_school_A_reads_and_writes_school_A_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (a, _) = await SchoolWithPendingEventAsync(receiver);
        var (b, _) = await SchoolWithPendingEventAsync(receiver);

        var job = JobRunner.Enqueue<OutboxDispatchJob>(Services, a);
        using (var connection = Services.GetRequiredService<JobStorage>().GetConnection())
        {
            connection.GetJobParameter(job, SchoolJobClientFilter.SchoolIdParameter).ShouldContain(a.SchoolId.ToString());
            connection.GetJobParameter(job, SchoolJobClientFilter.SchoolParameter).ShouldContain(a.School);
        }
        JobRunner.Perform(Services, job);

        receiver.Received.ShouldHaveSingleItem().Body.ShouldContain($"\"school\":\"{a.School}\"");
        var (outboxOfA, deliveriesOfA) = await StateOfAsync(a);
        outboxOfA.ShouldHaveSingleItem().ProcessedAt.ShouldNotBeNull();
        deliveriesOfA.ShouldBe(1);
        var (outboxOfB, deliveriesOfB) = await StateOfAsync(b);
        var untouched = outboxOfB.ShouldHaveSingleItem();
        untouched.ProcessedAt.ShouldBeNull();
        untouched.LockedBy.ShouldBeNull();
        untouched.Attempts.ShouldBe(0);
        deliveriesOfB.ShouldBe(0);
    }

    [Fact]
    public async Task A_school_job_without_its_school_or_with_a_school_other_than_its_argument_does_not_run()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (a, _) = await SchoolWithPendingEventAsync(receiver);
        var (b, _) = await SchoolWithPendingEventAsync(receiver);
        var jobs = Services.GetRequiredService<IBackgroundJobClient>();

        Should.Throw<Exception>(() => jobs.Enqueue<OutboxDispatchJob>(job => job.RunAsync(null!, CancellationToken.None)));

        var job = JobRunner.Enqueue<OutboxDispatchJob>(Services, a);
        using (var connection = Services.GetRequiredService<JobStorage>().GetConnection())
            connection.SetJobParameter(job, SchoolJobClientFilter.SchoolIdParameter, JsonSerializer.Serialize(b.SchoolId));
        Should.Throw<Exception>(() => JobRunner.Perform(Services, job)).ToString().ShouldContain("does not match");

        receiver.Received.ShouldBeEmpty();
        (await StateOfAsync(a)).Outbox.ShouldHaveSingleItem().ProcessedAt.ShouldBeNull();
        (await StateOfAsync(b)).Outbox.ShouldHaveSingleItem().ProcessedAt.ShouldBeNull();
    }

    [Fact]
    public async Task The_fan_out_enqueues_one_job_per_school_with_its_id_and_code_only()
    {
        var school = await Api.CreateSchoolAsync();
        var jobId = Services.GetRequiredService<IBackgroundJobClient>().Enqueue<OutboxFanOutJob>(job => job.RunAsync(CancellationToken.None));
        JobRunner.Perform(Services, jobId);

        var monitoring = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var enqueued = monitoring.EnqueuedJobs("default", 0, 10_000).Select(j => j.Value.Job)
            .Where(j => j.Type == typeof(OutboxDispatchJob)).Select(j => j.Args.OfType<SchoolJob>().Single()).ToList();
        enqueued.ShouldContain(new SchoolJob(school.SchoolId, school.School));
        enqueued.Count(j => j.SchoolId == school.SchoolId).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_job_dashboard_is_for_platform_admins_only()
    {
        var school = await Api.CreateSchoolAsync();
        using var platform = await Api.AsPlatformAdmin();
        var page = await platform.GetAsync("/jobs", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("MentorCloud jobs");
        html.ShouldNotContain(App.Factory.ConnectionString);
        (await platform.GetAsync("/jobs/recurring", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var schoolAdmin = await Api.As(school.SchoolAdmin);
        (await schoolAdmin.GetAsync("/jobs", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await schoolAdmin.GetAsync("/jobs/recurring", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var districtAdmin = await Api.As(school.DistrictAdmin);
        (await districtAdmin.GetAsync("/jobs", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = Api.Anonymous();
        (await anonymous.GetAsync("/jobs", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "retention")]), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Retention_purges_only_what_is_past_retention_in_the_school_it_runs_for()
    {
        var a = await Api.CreateSchoolAsync();
        var b = await Api.CreateSchoolAsync();
        var now = new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero);
        async Task<Dictionary<string, Guid>> SeedAsync(SchoolSetup school)
        {
            await using var scope = await JobRunner.SchoolScopeAsync(Services, school);
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            AuditEntry Audit(int daysAgo) => db.AuditEntries.Add(new AuditEntry(now.AddDays(-daysAgo), null, "system", "test.entry", "Test", null, null)).Entity;
            OutboxMessage Outbox(int daysAgo) => db.OutboxMessages.Add(new OutboxMessage(WebhookEvents.StudentLeft, "{}", now.AddDays(-daysAgo))).Entity;
            IdempotencyRequest Key(int hoursAgo) => db.IdempotencyRequests.Add(new IdempotencyRequest(Guid.CreateVersion7(), $"k-{Guid.NewGuid():N}", "RecordActivityCommand",
                "hash", now.AddHours(-hoursAgo), now.AddHours(-hoursAgo).AddSeconds(30))).Entity;
            var rows = new Dictionary<string, Guid>
            {
                ["oldAudit"] = Audit(366).Id, ["keptAudit"] = Audit(364).Id,
                ["oldProcessed"] = Outbox(8).Id, ["recentProcessed"] = Outbox(6).Id, ["oldPending"] = Outbox(30).Id,
                ["oldKey"] = Key(25).Id, ["recentKey"] = Key(23).Id,
            };
            await db.SaveChangesAsync(Ct);
            foreach (var (key, days) in new[] { ("oldProcessed", 8), ("recentProcessed", 6) })
            {
                var id = rows[key];
                var at = now.AddDays(-days);
                await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, at), Ct);
            }
            return rows;
        }
        var rowsOfA = await SeedAsync(a);
        var rowsOfB = await SeedAsync(b);

        IReadOnlyDictionary<string, int> purged;
        await using (var scope = await JobRunner.SchoolScopeAsync(Services, a))
        {
            var job = ActivatorUtilities.CreateInstance<RetentionJob>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(now));
            purged = await job.PurgeAsync(new SchoolJob(a.SchoolId, a.School), Ct);
        }

        purged["audit"].ShouldBe(1);
        purged["outbox"].ShouldBe(1);
        purged["idempotency"].ShouldBe(1);
        async Task<HashSet<Guid>> RemainingAsync(SchoolSetup school)
        {
            await using var scope = await JobRunner.SchoolScopeAsync(Services, school);
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            return [.. await db.AuditEntries.Select(e => e.Id).ToListAsync(Ct), .. await db.OutboxMessages.Select(m => m.Id).ToListAsync(Ct),
                .. await db.IdempotencyRequests.Select(r => r.Id).ToListAsync(Ct)];
        }
        var remainingOfA = await RemainingAsync(a);
        remainingOfA.ShouldNotContain(rowsOfA["oldAudit"]);
        remainingOfA.ShouldNotContain(rowsOfA["oldProcessed"]);
        remainingOfA.ShouldContain(rowsOfA["keptAudit"]);
        remainingOfA.ShouldContain(rowsOfA["recentProcessed"]);
        remainingOfA.ShouldContain(rowsOfA["oldPending"]);
        remainingOfA.ShouldNotContain(rowsOfA["oldKey"]);
        remainingOfA.ShouldContain(rowsOfA["recentKey"]);
        var remainingOfB = await RemainingAsync(b);
        rowsOfB.Values.ShouldAllBe(id => remainingOfB.Contains(id));
    }

    [Theory]
    [InlineData("Jobs:InvisibilityTimeout", "1.00:00:01")]
    [InlineData("Jobs:QueuePollInterval", "00:10:01")]
    [InlineData("Jobs:DrillPause", "00:00:11")]
    public async Task A_job_timing_out_of_range_stops_the_start_and_is_named(string key, string value)
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(), new Dictionary<string, string?> { [key] = value });

        Should.Throw<Exception>(() => factory.Server).ToString().ShouldContain($"{key} must lie between");
    }

    [Fact]
    public async Task A_job_server_registers_the_recurring_jobs_with_cron_and_time_zone_from_configuration_and_readiness_checks_its_storage()
    {
        await using var server = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(), new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:Storage"] = "InMemory",
            ["Jobs:Recurring:retention:Cron"] = "15 4 * * *",
            ["Jobs:Recurring:reminders:Cron"] = "30 6 * * *",
        });
        using var client = server.CreateClient();
        var ready = await client.GetAsync("/health/ready", Ct);
        var health = await ready.Content.ReadAsStringAsync(Ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, health);
        server.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .ShouldContain(r => r.Name == "job-storage" && r.Tags.Contains("ready"));
        App.Factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .ShouldNotContain(r => r.Name == "job-storage", "no job server, no job storage in readiness");

        using var connection = server.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs();
        var retention = recurring.Single(j => j.Id == "retention");
        retention.Cron.ShouldBe("15 4 * * *");
        retention.TimeZoneId.ShouldBe("Asia/Shanghai");
        var outbox = recurring.Single(j => j.Id == "outbox-dispatch");
        outbox.Cron.ShouldBe("* * * * *");
        outbox.Job.Type.ShouldBe(typeof(OutboxFanOutJob));
        var reminders = recurring.Single(j => j.Id == "reminders");
        reminders.Cron.ShouldBe("30 6 * * *");
        reminders.TimeZoneId.ShouldBe("Asia/Shanghai");
        reminders.Job.Type.ShouldBe(typeof(ReminderFanOutJob));
    }
}

public sealed class JobTestsOnSqlite(SqliteJobsApp app) : JobTests<SqliteJobsApp>(app);

public sealed class JobTestsOnPostgres(PostgresJobsApp app) : JobTests<PostgresJobsApp>(app);
