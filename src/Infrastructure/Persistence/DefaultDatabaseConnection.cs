using System.Data.Common;
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

    public DbConnection Connection => _connection ??= provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
        DatabaseProvider.PostgreSql => new NpgsqlConnection(ConnectionString),
        DatabaseProvider.SqlServer => new SqlConnection(ConnectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public ValueTask DisposeAsync() => _connection?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => _connection?.Dispose();
}
