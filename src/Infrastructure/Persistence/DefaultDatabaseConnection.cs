using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// One connection to the default database per scope, shared by the catalog and the shared school data, so a
/// command that changes both (a teacher and their login) commits them in one transaction.
/// </summary>
public sealed class DefaultDatabaseConnection(DatabaseProvider provider, string connectionString) : IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;

    public string ConnectionString { get; } = connectionString;

    public DbConnection Connection => _connection ??= Create(provider, ConnectionString);

    public ValueTask DisposeAsync() => _connection?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => _connection?.Dispose();

    /// <summary>A new, closed connection of the provider: the scope's default one, or a school's dedicated database.</summary>
    public static DbConnection Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(connectionString),
        DatabaseProvider.PostgreSql => new NpgsqlConnection(connectionString),
        DatabaseProvider.SqlServer => new SqlConnection(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}

/// <summary>
/// Keeps the scope's default connection open once EF Core has opened it, until the scope ends and disposes it: a request
/// that runs several statements takes the connection from the pool once, instead of once per statement (each return to
/// the pool also makes the next statement reset the session). A connection that broke is closed as usual. A school's
/// dedicated database is left alone: its connection opens and closes around each statement.
/// </summary>
public sealed class KeepOpenUntilScopeEnds : DbConnectionInterceptor
{
    public static readonly KeepOpenUntilScopeEnds Instance = new();

    private KeepOpenUntilScopeEnds() { }

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        connection.State == ConnectionState.Open && eventData.Context is PooledDbContext { OnSharedDatabase: true }
            ? InterceptionResult.Suppress()
            : result;

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(ConnectionClosing(connection, eventData, result));
}
