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
/// The schools of this process whose dedicated database does not answer. Each replica keeps its own view: an outage is
/// seen, and its end noticed, by every replica on its own.
/// </summary>
public sealed class TenantAvailability : ITenantAvailability
{
    private readonly ConcurrentDictionary<Guid, TenantInfo> _unavailable = new();

    public bool IsAvailable(Guid tenantId) => !_unavailable.ContainsKey(tenantId);

    public IReadOnlyCollection<TenantInfo> Unavailable => _unavailable.Values.ToList();

    public void MarkUnavailable(TenantInfo tenant) => _unavailable[tenant.Id] = tenant;

    public bool MarkReady(Guid tenantId) => _unavailable.TryRemove(tenantId, out _);
}

/// <summary>
/// Brings dedicated school databases up to date and notices when one stops or starts answering, so that one school's
/// database never stops the others.
/// </summary>
public sealed class TenantDatabases(ITenantScopeFactory scopes, TenantAvailability availability, ILogger<TenantDatabases> logger)
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

    /// <summary>Tries every unavailable school again; those whose database now answers are served again.</summary>
    public async Task RecheckAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in availability.Unavailable)
            await TryMigrateAsync(tenant, cancellationToken);
    }

    /// <summary>
    /// After a request of a school with a dedicated database failed: true, and the school marked unavailable, when the failure
    /// came from a database and that database does not answer now. Other failures are not the database's absence.
    /// </summary>
    public async Task<bool> ConfirmOutageAsync(TenantInfo tenant, Exception failure, CancellationToken cancellationToken)
    {
        if (tenant.ConnectionString is null || !DatabaseFailures.IsDatabaseFailure(failure) || await AnswersAsync(tenant, cancellationToken))
            return false;
        availability.MarkUnavailable(tenant);
        logger.LogError(failure, "The dedicated database of school {School} does not answer; the school answers 503 until it does", tenant.Identifier);
        return true;
    }

    private async Task<bool> AnswersAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateScope(tenant);
            return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
        {
            return false;
        }
    }
}

/// <summary>Every <c>Tenancy:RetryInterval</c>, tries again the dedicated databases that did not answer.</summary>
public sealed class TenantDatabaseMonitor(TenantDatabases databases, IOptions<TenancyOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.RetryInterval, clock, stoppingToken);
            await databases.RecheckAsync(stoppingToken);
        }
    }
}

/// <summary>Degraded, not unhealthy, while some schools' dedicated databases do not answer: every other school is served.</summary>
public sealed class SchoolDatabasesHealthCheck(TenantAvailability availability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unavailable = availability.Unavailable.Count;
        return Task.FromResult(unavailable == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{unavailable} school database(s) unavailable", data: new Dictionary<string, object> { ["unavailableSchools"] = unavailable }));
    }
}
