using System.Data.Common;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The scope's shared default connection, kept open from its first use until the scope ends (<see cref="KeepOpenUntilScopeEnds"/>).</summary>
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, DatabaseProvider provider, DbConnection connection, string historyTable) =>
        (provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connection, o => o.MigrationsHistoryTable(historyTable)).AddInterceptors(SqliteErasure.Instance),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connection, o => o.MigrationsHistoryTable(historyTable)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connection, o => o.MigrationsHistoryTable(historyTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        }).AddInterceptors(KeepOpenUntilScopeEnds.Instance);
}
