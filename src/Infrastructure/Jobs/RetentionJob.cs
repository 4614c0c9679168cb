using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>
/// One kind of rows a school keeps only for a while. The retention job runs every registered purge in each school;
/// a new kind registers one more with <see cref="RetentionPurges.AddRetentionPurge{T}"/>.
/// </summary>
public interface IRetentionPurge
{
    string Name { get; }

    /// <summary>Deletes the current school's rows past retention at <paramref name="now"/>, in batches; returns how many.</summary>
    Task<int> PurgeAsync(ApplicationDbContext db, DateTimeOffset now, CancellationToken cancellationToken);
}

public static class RetentionPurges
{
    public const int BatchSize = 1000;

    public static IServiceCollection AddRetentionPurge<T>(this IServiceCollection services) where T : class, IRetentionPurge =>
        services.AddSingleton<IRetentionPurge, T>();

    /// <summary>Deletes the rows of <paramref name="expired"/> a batch at a time, so no statement holds locks on a large part of a table.</summary>
    public static async Task<int> DeleteInBatchesAsync<T>(IQueryable<T> expired, Func<IQueryable<T>, IQueryable<Guid>> ids, Func<List<Guid>, IQueryable<T>> byIds,
        CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var batch = await ids(expired).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) return total;
            total += await byIds(batch).ExecuteDeleteAsync(cancellationToken);
        }
    }
}

/// <summary>Audit entries older than <c>Audit:RetentionDays</c> (never under 180 days).</summary>
public sealed class AuditRetention(IOptions<AuditOptions> options) : IRetentionPurge
{
    public string Name => "audit";

    public Task<int> PurgeAsync(ApplicationDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-Math.Max(options.Value.RetentionDays, AuditOptions.MinRetentionDays));
        return RetentionPurges.DeleteInBatchesAsync(db.AuditEntries.Where(a => a.At < cutoff), q => q.OrderBy(a => a.Id).Select(a => a.Id),
            ids => db.AuditEntries.Where(a => ids.Contains(a.Id)), cancellationToken);
    }
}

/// <summary>Outbox messages processed more than <c>Outbox:RetentionDays</c> ago; pending and dead ones stay.</summary>
public sealed class OutboxRetention(IOptions<OutboxOptions> options) : IRetentionPurge
{
    public string Name => "outbox";

    public Task<int> PurgeAsync(ApplicationDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        return RetentionPurges.DeleteInBatchesAsync(db.OutboxMessages.Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff), q => q.OrderBy(m => m.Id).Select(m => m.Id),
            ids => db.OutboxMessages.Where(m => ids.Contains(m.Id)), cancellationToken);
    }
}

/// <summary><c>Idempotency-Key</c>s first used more than <c>Idempotency:Retention</c> ago (24 hours); a retry after that is a new request anyway.</summary>
public sealed class IdempotencyRetention(IOptions<Idempotency.IdempotencyOptions> options) : IRetentionPurge
{
    public string Name => "idempotency";

    public Task<int> PurgeAsync(ApplicationDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.Value.Retention;
        return RetentionPurges.DeleteInBatchesAsync(db.IdempotencyRequests.Where(r => r.CreatedAt <= cutoff), q => q.OrderBy(r => r.Id).Select(r => r.Id),
            ids => db.IdempotencyRequests.Where(r => ids.Contains(r.Id)), cancellationToken);
    }
}

/// <summary>Daily: one <see cref="RetentionJob"/> per school.</summary>
public sealed class RetentionFanOutJob(SchoolFanOut fanOut) : SchoolFanOutJob<RetentionJob>(fanOut);

/// <summary>Purges what one school keeps past its retention.</summary>
public sealed class RetentionJob(ApplicationDbContext db, ITenantContext tenant, IEnumerable<IRetentionPurge> purges, TimeProvider clock, ILogger<RetentionJob> logger)
    : ISchoolJob
{
    public async Task RunAsync(SchoolJob school, CancellationToken cancellationToken) => await PurgeAsync(school, cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> PurgeAsync(SchoolJob school, CancellationToken cancellationToken)
    {
        if (tenant.Current?.Id != school.SchoolId) throw new InvalidOperationException("The job's school is not the scope's school.");
        var now = clock.GetUtcNow();
        var purged = new Dictionary<string, int>();
        foreach (var purge in purges)
        {
            purged[purge.Name] = await purge.PurgeAsync(db, now, cancellationToken);
            if (purged[purge.Name] > 0) logger.LogInformation("Retention: {Count} {Kind} rows of school {School} purged", purged[purge.Name], purge.Name, school.School);
        }
        return purged;
    }
}
