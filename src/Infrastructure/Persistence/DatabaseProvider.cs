using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>The database engines MentorCloud runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations to the catalog, the shared tenant database and every dedicated one at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

internal static class DatabaseProviderExtensions
{
    public const string CatalogHistoryTable = "__CatalogMigrations";
    public const string TenantHistoryTable = "__TenantMigrations";

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, string historyTable) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(historyTable)).AddInterceptors(SqliteErasure.Instance),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(historyTable)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsHistoryTable(historyTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

    /// <summary>
    /// Options for a pooled context: the provider without a connection. Each scope hands the context it leases the connection
    /// to use (<see cref="ApplicationDbContext.Lease"/>, <see cref="CatalogDbContext.Lease"/>); the scope's shared default
    /// connection is kept open from its first use until the scope ends (<see cref="KeepOpenUntilScopeEnds"/>).
    /// </summary>
    public static DbContextOptionsBuilder UsePooled(this DbContextOptionsBuilder options, DatabaseProvider provider, string historyTable) =>
        (provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(o => o.MigrationsHistoryTable(historyTable)).AddInterceptors(SqliteErasure.Instance),
            DatabaseProvider.PostgreSql => options.UseNpgsql(o => o.MigrationsHistoryTable(historyTable)),
            DatabaseProvider.SqlServer => options.UseSqlServer(o => o.MigrationsHistoryTable(historyTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        }).AddInterceptors(KeepOpenUntilScopeEnds.Instance);

    /// <summary>
    /// Points a leased context at the scope's connection. While that connection was never opened, the context also keeps its
    /// connection string: the drivers drop the password from a connection's string once it opened, and creating a missing
    /// database (migrations) connects to the server's administrative database with that string.
    /// </summary>
    public static void UseScopeConnection(this DatabaseFacade database, DbConnection connection, string connectionString)
    {
        database.SetDbConnection(connection);
        if (connection.State == System.Data.ConnectionState.Closed && connection.ConnectionString == connectionString)
            database.SetConnectionString(connectionString);
    }
}
