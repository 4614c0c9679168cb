using MentorCloud.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>
/// Whether a database answers a statement now: the shared database (the catalog and every school without a dedicated
/// one) or a school's dedicated one. The same check for both: on a connection of its own, not from the pool, whose idle
/// connections may have outlived a server restart, and for SQLite without creating a file that is missing.
/// </summary>
public sealed class DatabaseProbe(DatabaseProvider provider, string sharedConnectionString)
{
    public Task<bool> SharedAnswersAsync(CancellationToken cancellationToken) => AnswersAsync(sharedConnectionString, cancellationToken);

    /// <summary>Whether the database of <paramref name="connectionString"/>, as configured, answers now.</summary>
    public async Task<bool> AnswersAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = DefaultDatabaseConnection.Create(provider, ProbeConnectionString(provider, connectionString));
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
        {
            return false;
        }
    }

    private static string ProbeConnectionString(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString,
        DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Multiplexing = false }.ConnectionString,
        DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
