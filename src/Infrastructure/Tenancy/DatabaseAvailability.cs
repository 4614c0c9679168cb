using System.Collections.Concurrent;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>
/// The databases of this process that do not answer: schools' dedicated databases, and the shared database (the catalog
/// and every other school). Each replica keeps its own view: an outage is seen, and its end noticed, by every replica on
/// its own.
/// </summary>
public sealed class DatabaseAvailability : ITenantAvailability
{
    private readonly ConcurrentDictionary<Guid, TenantInfo> _unavailable = new();
    private int _sharedDown;

    public bool IsAvailable(Guid tenantId) => !_unavailable.ContainsKey(tenantId);

    public IReadOnlyCollection<TenantInfo> Unavailable => _unavailable.Values.ToList();

    public void MarkUnavailable(TenantInfo tenant) => _unavailable[tenant.Id] = tenant;

    public bool MarkReady(Guid tenantId) => _unavailable.TryRemove(tenantId, out _);

    /// <summary>False from a confirmed outage of the shared database until a re-check finds it answering.</summary>
    public bool SharedAvailable => Volatile.Read(ref _sharedDown) == 0;

    /// <summary>True when the shared database was not known to be down before.</summary>
    public bool MarkSharedUnavailable() => Interlocked.Exchange(ref _sharedDown, 1) == 0;

    /// <summary>True when the shared database was known to be down before.</summary>
    public bool MarkSharedReady() => Interlocked.Exchange(ref _sharedDown, 0) == 1;
}

/// <summary>
/// Brings dedicated school databases up to date and notices when a database, a school's own or the shared one, stops or
/// starts answering: one school's database never stops the others, and while a database is down its requests answer
/// 503 at once instead of each trying to connect.
/// </summary>
public sealed class TenantDatabases(ITenantScopeFactory scopes, DatabaseAvailability availability, DatabaseProbe probe, ILogger<TenantDatabases> logger)
{
    /// <summary>Migrates the school's dedicated database; a failure marks the school unavailable instead of stopping the caller.</summary>
    public async Task<bool> TryMigrateAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateScope(tenant);
            await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            availability.MarkUnavailable(tenant);
            logger.LogError(ex, "The dedicated database of school {School} cannot be migrated; the school answers 503 until it can", tenant.Identifier);
            return false;
        }

        if (availability.MarkReady(tenant.Id))
            logger.LogInformation("The dedicated database of school {School} answers again; the school is served", tenant.Identifier);
        else
            logger.LogInformation("Migrated the dedicated database of school {School}", tenant.Identifier);
        return true;
    }

    /// <summary>Tries every database that did not answer again; those that answer now are served again.</summary>
    public async Task RecheckAsync(CancellationToken cancellationToken)
    {
        await RecheckSharedAsync(cancellationToken);
        await RecheckSchoolsAsync(cancellationToken);
    }

    /// <summary>While the shared database is marked down: tries it, and serves it again when it answers.</summary>
    public async Task RecheckSharedAsync(CancellationToken cancellationToken)
    {
        if (!availability.SharedAvailable && await probe.SharedAnswersAsync(cancellationToken) && availability.MarkSharedReady())
            logger.LogInformation("The shared database answers again; it is served");
    }

    /// <summary>Tries every school whose dedicated database did not answer; those that answer now are migrated and served again.</summary>
    public async Task RecheckSchoolsAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in availability.Unavailable)
            await TryMigrateAsync(tenant, cancellationToken);
    }

    /// <summary>
    /// After a request failed on the shared database: true (503) when the failure came from a database driver and either
    /// the shared database does not answer now, which marks it down until a re-check finds it answering, or the driver
    /// calls the failure transient (a broken pooled connection after the server restarted). Other failures are not the
    /// database's absence.
    /// </summary>
    public async Task<bool> ConfirmSharedOutageAsync(Exception failure, CancellationToken cancellationToken)
    {
        if (!DatabaseFailures.IsDatabaseFailure(failure)) return false;
        if (await probe.SharedAnswersAsync(cancellationToken)) return DatabaseFailures.IsTransient(failure);
        if (availability.MarkSharedUnavailable())
            logger.LogError(failure, "The shared database does not answer; its requests answer 503 until it does");
        return true;
    }

    /// <summary>
    /// After a request of a school with a dedicated database failed: true, and the school marked unavailable, when the failure
    /// came from a database and that database does not answer now. Other failures are not the database's absence.
    /// </summary>
    public async Task<bool> ConfirmOutageAsync(TenantInfo tenant, Exception failure, CancellationToken cancellationToken)
    {
        if (tenant.ConnectionString is null || !DatabaseFailures.IsDatabaseFailure(failure) || await probe.AnswersAsync(tenant.ConnectionString, cancellationToken))
            return false;
        availability.MarkUnavailable(tenant);
        logger.LogError(failure, "The dedicated database of school {School} does not answer; the school answers 503 until it does", tenant.Identifier);
        return true;
    }
}

/// <summary>
/// Tries again the databases that did not answer: the shared database every second while it is down (every request needs
/// it, and one connection attempt a second is cheap), schools' dedicated databases every <c>Tenancy:RetryInterval</c>.
/// </summary>
public sealed class TenantDatabaseMonitor(TenantDatabases databases, IOptions<TenancyOptions> options, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan SharedRecheck = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RetryInterval;
        using var timer = new PeriodicTimer(interval < SharedRecheck ? interval : SharedRecheck, clock);
        var schoolsDue = clock.GetUtcNow() + interval;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await databases.RecheckSharedAsync(stoppingToken);
            if (clock.GetUtcNow() < schoolsDue) continue;
            await databases.RecheckSchoolsAsync(stoppingToken);
            schoolsDue = clock.GetUtcNow() + interval;
        }
    }
}

/// <summary>Degraded, not unhealthy, while some schools' dedicated databases do not answer: every other school is served.</summary>
public sealed class SchoolDatabasesHealthCheck(DatabaseAvailability availability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unavailable = availability.Unavailable.Count;
        return Task.FromResult(unavailable == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{unavailable} school database(s) unavailable", data: new Dictionary<string, object> { ["unavailableSchools"] = unavailable }));
    }
}

/// <summary>
/// Unhealthy while the shared database is known to be down (until a re-check finds it answering), or when it does not
/// answer now, asked the same way as the outage check asks it (<see cref="DatabaseProbe"/>).
/// </summary>
public sealed class SharedDatabaseHealthCheck(DatabaseAvailability availability, DatabaseProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        availability.SharedAvailable && await probe.SharedAnswersAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus);
}
