using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Common;
using MentorCloud.Infrastructure.Events;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// Commits one request: first the domain events its changes raised go to their in-transaction handlers (audit
/// entries, freed places, outbox messages), round after round while handlers raise more; then the school's data and
/// the catalog are saved (in one transaction when they share the database). A unique-index race or a
/// concurrency-token clash surfaces as a 409 conflict instead of a server error.
/// </summary>
public sealed class UnitOfWork(CatalogDbContext catalog, ApplicationDbContext school, DomainEventQueue queue, IDomainEventDispatcher dispatcher) : IUnitOfWork
{
    /// <summary>Rounds of handlers after which events that keep coming are a loop, not a cascade.</summary>
    public const int MaxDispatchRounds = 5;

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await DispatchEventsAsync(cancellationToken);
        try
        {
            // Detect changes once; the saves would otherwise scan every tracked entity again.
            catalog.ChangeTracker.DetectChanges();
            school.ChangeTracker.DetectChanges();
            using var catalogScan = PauseDetection(catalog);
            using var schoolScan = PauseDetection(school);
            await SaveBothAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex))
        {
            // A versioned record (an archive) changed by this request collided with another writer: both named the
            // version they read, and the one that saved second read a version that is gone.
            if (school.ChangeTracker.Entries<IVersioned>().Any(e => e.State == EntityState.Modified)) throw new PreconditionFailedException();
            throw new ConflictException(ex is DbUpdateConcurrencyException
                ? new("该记录已被他人修改，请重新读取后再试。", "The record was changed by someone else; reload and try again.")
                : new("该修改与已有记录冲突。", "The change conflicts with an existing record."));
        }
    }

    public async Task SaveRecordsOnlyAsync(CancellationToken cancellationToken)
    {
        await DispatchEventsAsync(cancellationToken);
        school.ChangeTracker.DetectChanges();
        using var schoolScan = PauseDetection(school);
        var records = school.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
        var others = records.Where(e => !(e.State == EntityState.Added && e.Entity is AuditEntry or OutboxMessage))
            .Select(e => e.Metadata.ClrType.Name).Distinct().ToList();
        if (others.Count > 0 || catalog.ChangeTracker.HasChanges())
            throw new InvalidOperationException($"A read may record what it read, nothing else; it changed: {string.Join(", ", others.DefaultIfEmpty("the catalog"))}.");
        // Audit entries alone (every audited read) are written as plain inserts; outbox rows go through a save.
        if (records.TrueForAll(e => e.Entity is IAppendOnly))
            await school.InsertAddedAsync(records, cancellationToken);
        else
            await school.SaveChangesAsync(cancellationToken);
    }

    private async Task DispatchEventsAsync(CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var events = TakeDomainEvents(catalog).Concat(TakeDomainEvents(school)).Concat(queue.TakeAll()).ToList();
            if (events.Count == 0) return;
            if (round > MaxDispatchRounds)
                throw new InvalidOperationException(
                    $"Handlers still raised events after {MaxDispatchRounds} rounds: {string.Join(", ", events.Select(e => e.GetType().Name).Distinct())}.");
            foreach (var domainEvent in events)
                await domainEvent.DispatchTo(dispatcher, cancellationToken);
        }
    }

    /// <summary>One transaction when the school lives in the default database; otherwise the school first, so a login never outlives a failed save of its teacher or student.</summary>
    private async Task SaveBothAsync(CancellationToken cancellationToken)
    {
        var catalogChanged = catalog.ChangeTracker.HasChanges();
        var schoolChanged = school.ChangeTracker.HasChanges();
        if (catalogChanged && schoolChanged && ReferenceEquals(catalog.Database.GetDbConnection(), school.Database.GetDbConnection()))
        {
            await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
            await school.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
            try
            {
                await school.SaveChangesAsync(cancellationToken);
                await catalog.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                await school.Database.UseTransactionAsync(null, cancellationToken);
            }
            return;
        }

        if (schoolChanged) await school.SaveChangesAsync(cancellationToken);
        if (catalogChanged) await catalog.SaveChangesAsync(cancellationToken);
    }

    private static DetectionPause PauseDetection(DbContext context) => new(context);

    private readonly struct DetectionPause : IDisposable
    {
        private readonly DbContext _context;
        private readonly bool _was;

        public DetectionPause(DbContext context)
        {
            _context = context;
            _was = context.ChangeTracker.AutoDetectChangesEnabled;
            context.ChangeTracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => _context.ChangeTracker.AutoDetectChangesEnabled = _was;
    }

    private static List<IDomainEvent> TakeDomainEvents(DbContext context)
    {
        // Which aggregates are tracked is all that matters here, so skip the change scan.
        using var pause = PauseDetection(context);
        var aggregates = context.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
        var events = aggregates.SelectMany(a => a.DomainEvents).ToList();
        aggregates.ForEach(a => a.ClearDomainEvents());
        return events;
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => IsUniqueViolation(ex.InnerException);

    /// <summary>The driver's own error, as a plain statement (<see cref="RowInsert"/>) raises it.</summary>
    public static bool IsUniqueViolation(Exception? driverError) => driverError switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
