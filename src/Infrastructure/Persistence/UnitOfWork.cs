using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// Saves the catalog, then the school's data, and afterwards dispatches the domain events raised by the
/// saved aggregates. A unique-index race surfaces as a 409 conflict instead of a server error.
/// </summary>
public sealed class UnitOfWork(CatalogDbContext catalog, ApplicationDbContext school, IServiceProvider services) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var events = TakeDomainEvents(catalog).Concat(TakeDomainEvents(school)).ToList();
        try
        {
            if (catalog.ChangeTracker.HasChanges()) await catalog.SaveChangesAsync(cancellationToken);
            if (school.ChangeTracker.HasChanges()) await school.SaveChangesAsync(cancellationToken);
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
