using System.Linq.Expressions;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Notifications;
using MentorCloud.Application.Districts.Statistics;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>
/// Hangfire with this application's storage, filters and activator as services of the app (not Hangfire's process-wide
/// statics), so each host, and each test host, has its own.
/// </summary>
public static class JobServices
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, string connectionString)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.RetryAttempts is >= 0 and <= 20, "Jobs:RetryAttempts must lie between 0 and 20.")
            .Validate(o => o.Storage is "Database" or "InMemory", "Jobs:Storage is Database or InMemory.")
            .Validate(o => TryFindTimeZone(o.TimeZone), "Jobs:TimeZone names no known time zone.")
            .Validate(o => o.InvisibilityTimeout >= TimeSpan.FromSeconds(1) && o.InvisibilityTimeout <= TimeSpan.FromHours(24), "Jobs:InvisibilityTimeout must lie between 1 second and 24 hours.")
            .Validate(o => o.QueuePollInterval >= TimeSpan.FromMilliseconds(50) && o.QueuePollInterval <= TimeSpan.FromMinutes(10), "Jobs:QueuePollInterval must lie between 50 ms and 10 minutes.")
            .Validate(o => o.DrillPause >= TimeSpan.Zero && o.DrillPause <= TimeSpan.FromSeconds(10), "Jobs:DrillPause must lie between 0 and 10 seconds.")
            .ValidateOnStart();

        // Registered before AddHangfire, whose own registrations only fill what is missing.
        services.AddSingleton<JobStorage>(_ => CreateStorage(options.Storage == "InMemory" ? DatabaseProvider.Sqlite : provider, connectionString, options));
        services.AddSingleton<JobActivator, SchoolJobActivator>();
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            var own = new JobFilterCollection();
            own.Add(new SchoolJobClientFilter());
            // Above Hangfire's global default retry filter (10 attempts), which it replaces.
            own.Add(new AutomaticRetryAttribute
            {
                Attempts = sp.GetRequiredService<IOptions<JobsOptions>>().Value.RetryAttempts,
                DelayInSecondsByAttemptFunc = JobsOptions.RetryDelaySeconds,
            }, order: 100);
            return new JobFilterProviderCollection(JobFilterProviders.Providers, own);
        });
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        services.AddScoped<SchoolFanOut>();
        services.AddScoped<OutboxDispatchJob>();
        services.AddScoped<OutboxFanOutJob>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<RetentionFanOutJob>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<ReminderFanOutJob>();
        services.AddScoped<DistrictRollup>();
        services.AddScoped<DistrictStatisticsJob>();
        services.AddScoped<DistrictStatisticsFanOutJob>();
        services.AddScoped<DistrictStatisticsRefreshJob>();
        services.AddScoped<IDistrictStatisticsJobs, DistrictStatisticsJobs>();
        services.AddSingleton<IStatisticsFileWriter, StatisticsFileWriter>();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.RetentionDays >= 1 && o.BatchSize is >= 1 and <= 1000 && o.Lease > TimeSpan.Zero && o.MaxAttempts >= 1, "Outbox settings are out of range.")
            .ValidateOnStart();
        services.AddRetentionPurge<AuditRetention>();
        services.AddRetentionPurge<OutboxRetention>();
        services.AddRetentionPurge<IdempotencyRetention>();
        if (options.DrillPause > TimeSpan.Zero)
        {
            // Failover drills only: every stored notification is followed by a pause, so a drill can stop a server mid-school.
            services.AddScoped<NotificationStore>();
            services.AddScoped<INotificationStore>(sp => new PausingNotificationStore(sp.GetRequiredService<NotificationStore>(), options.DrillPause, sp.GetRequiredService<TimeProvider>()));
        }
        services.AddRecurringJob<OutboxFanOutJob>("outbox-dispatch", "* * * * *", job => job.RunAsync(CancellationToken.None));
        services.AddRecurringJob<RetentionFanOutJob>("retention", "30 3 * * *", job => job.RunAsync(CancellationToken.None));
        services.AddRecurringJob<ReminderFanOutJob>("reminders", "0 7 * * *", job => job.RunAsync(CancellationToken.None));
        services.AddRecurringJob<DistrictStatisticsFanOutJob>("district-statistics", "0 2 * * *", job => job.RunAsync(CancellationToken.None));

        if (options.Enabled)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                if (jobs.WorkerCount > 0) server.WorkerCount = jobs.WorkerCount;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            services.AddHostedService<RecurringJobRegistration>();
            services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("job-storage", tags: ["ready"]);
        }
        return services;
    }

    /// <summary>A recurring job, registered at start-up under <paramref name="name"/> with <c>Jobs:Recurring:{name}:Cron</c> or the default.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, string defaultCron, Expression<Func<TJob, Task>> call) =>
        services.AddSingleton(new RecurringJobDefinition(name, defaultCron, (manager, cron, options) => manager.AddOrUpdate(name, call, cron, options)));

    private static JobStorage CreateStorage(DatabaseProvider provider, string connectionString, JobsOptions options) => provider switch
    {
        DatabaseProvider.PostgreSql => CreatePostgreSqlStorage(connectionString, options),
        DatabaseProvider.SqlServer => new SqlServerStorage(connectionString, new SqlServerStorageOptions
        {
            SchemaName = "HangFire",
            PrepareSchemaIfNecessary = true,
            SlidingInvisibilityTimeout = options.InvisibilityTimeout,
            QueuePollInterval = TimeSpan.Zero,
            UseRecommendedIsolationLevel = true,
            DisableGlobalLocks = true,
        }),
        _ => new InMemoryStorage(),
    };

    /// <summary>
    /// Sliding invisibility: a server renews each job it runs every fifth of <see cref="JobsOptions.InvisibilityTimeout"/>, so a
    /// long job is never handed to a second server while the first still runs it; a job whose server died (no renewal) is
    /// fetched again by another server once the timeout has passed, at the latest one <see cref="JobsOptions.QueuePollInterval"/> later.
    /// </summary>
    public static PostgreSqlStorage CreatePostgreSqlStorage(string connectionString, JobsOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            QueuePollInterval = options.QueuePollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    private static bool TryFindTimeZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}

public sealed record RecurringJobDefinition(string Name, string DefaultCron, Action<IRecurringJobManager, string, RecurringJobOptions> Register);

/// <summary>Registers (or updates, or removes with cron <c>-</c>) every recurring job when a job server starts.</summary>
public sealed class RecurringJobRegistration(IEnumerable<RecurringJobDefinition> definitions, IRecurringJobManager manager, IOptions<JobsOptions> options,
    ILogger<RecurringJobRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        var zone = jobs.FindTimeZone();
        foreach (var definition in definitions)
        {
            var cron = jobs.Recurring.TryGetValue(definition.Name, out var settings) && !string.IsNullOrWhiteSpace(settings.Cron) ? settings.Cron.Trim() : definition.DefaultCron;
            if (cron == "-")
            {
                manager.RemoveIfExists(definition.Name);
                continue;
            }
            definition.Register(manager, cron, new RecurringJobOptions { TimeZone = zone });
            logger.LogInformation("Recurring job {Job}: {Cron} ({TimeZone})", definition.Name, cron, zone.Id);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The job dashboard is for platform admins only: 401 without a token, 403 for every other role.</summary>
public sealed class PlatformAdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().RequestServices.GetRequiredService<ICurrentUser>();
        return user.IsAuthenticated && user.IsInRole(Roles.PlatformAdmin);
    }
}

/// <summary>Readiness includes the job storage while this process runs a job server.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"{servers} job server(s)"));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage does not answer.", ex));
        }
    }
}
