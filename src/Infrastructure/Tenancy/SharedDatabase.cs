using System.Data.Common;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>The shared database: the catalog and every school without a dedicated one.</summary>
public sealed class SharedDatabase(DatabaseProvider provider, string connectionString)
{
    private readonly string _probe = ProbeConnectionString(provider, connectionString);

    /// <summary>
    /// Whether the shared database answers a statement now, on a connection of its own: not from the pool, whose idle
    /// connections may have outlived a server restart, and for SQLite without creating a file that is missing.
    /// </summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = DefaultDatabaseConnection.Create(provider, _probe);
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

/// <summary>
/// While the shared database is known not to answer (<see cref="TenantAvailability.SharedAvailable"/>), a context on the
/// scope's shared connection does not try to connect: it fails at once with 503 and <c>Retry-After</c>, until the
/// re-check finds the database answering again. A school's dedicated database is left alone.
/// </summary>
public sealed class SharedDatabaseGuard(TenantAvailability availability, IOptions<TenancyOptions> tenancy) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ThrowWhileDown(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        ThrowWhileDown(eventData);
        return ValueTask.FromResult(result);
    }

    private void ThrowWhileDown(ConnectionEventData eventData)
    {
        if (!availability.SharedAvailable && eventData.Context is PooledDbContext { OnSharedDatabase: true })
            throw new DatabaseUnavailableException(Messages.DatabaseUnavailableDetail, tenancy.Value.RetryInterval);
    }
}
