using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// Saves the school's data and the catalog (in one transaction when they share the database), and afterwards dispatches the domain events raised by the
/// saved aggregates. A unique-index race surfaces as a 409 conflict instead of a server error.
/// </summary>
public sealed class UnitOfWork(CatalogDbContext catalog, ApplicationDbContext school, IServiceProvider services) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        List<IDomainEvent> events;
        try
        {
            // Detect changes once; the saves would otherwise scan every tracked entity again.
            catalog.ChangeTracker.DetectChanges();
            school.ChangeTracker.DetectChanges();
            using var catalogScan = PauseDetection(catalog);
            using var schoolScan = PauseDetection(school);
            events = TakeDomainEvents(catalog).Concat(TakeDomainEvents(school)).ToList();
            await SaveBothAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new ConflictException("The change conflicts with an existing record.");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The record was changed by someone else; reload and try again.");
        }

        foreach (var domainEvent in events)
            await DispatchAsync(domainEvent, cancellationToken);
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
        var aggregates = context.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
        var events = aggregates.SelectMany(a => a.DomainEvents).ToList();
        aggregates.ForEach(a => a.ClearDomainEvents());
        return events;
    }

    private async Task DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(domainEvent.GetType());
        foreach (var handler in services.GetServices(handlerType))
            await (ValueTask)handlerType.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.Handle))!.Invoke(handler, [domainEvent, cancellationToken])!;
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
