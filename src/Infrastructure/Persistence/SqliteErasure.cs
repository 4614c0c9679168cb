using System.Data.Common;
using System.Runtime.CompilerServices;
using MentorCloud.Domain.Archives;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// SQLite keeps a deleted row's bytes in free pages, and earlier page images in the write-ahead log, until they are
/// overwritten. Erased archive contents must leave the file (PIPL Art. 47): every connection zeroes what it deletes
/// (<c>secure_delete</c>), and a save that deleted archive contents checkpoints and truncates the log.
/// </summary>
public sealed class SqliteErasure : DbConnectionInterceptor, ISaveChangesInterceptor
{
    public static readonly SqliteErasure Instance = new();

    private static readonly ConditionalWeakTable<DbContext, object> Erasing = [];

    private SqliteErasure() { }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SecureDelete(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SecureDelete(connection);
        return Task.CompletedTask;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries().Any(e => e.State == EntityState.Deleted && e.Entity is ArchiveEntry or ArchiveGoal))
            Erasing.AddOrUpdate(context, this);
        return ValueTask.FromResult(result);
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Erasing.Remove(context) && context.Database.CurrentTransaction is null)
            await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        return result;
    }

    // A pooled context serves the next scope after this one: a save that failed leaves no mark behind.
    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null) Erasing.Remove(context);
    }

    private static void SecureDelete(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }
}
