using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MentorCloud.Infrastructure.Persistence;

// Used only by `dotnet ef migrations add`; see scripts/add-migration.sh. Connection strings are never opened. The
// school contexts serve no tenant: nothing is leased to a scope.

internal static class DesignTime
{
    public static DbContextOptions<T> Options<T>(DatabaseProvider provider, string history) where T : DbContext =>
        (DbContextOptions<T>)new DbContextOptionsBuilder<T>().Use(provider, Connection(provider), history).Options;

    private static string Connection(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=design.db",
        DatabaseProvider.PostgreSql => "Host=localhost;Database=design",
        _ => "Server=localhost;Database=design;TrustServerCertificate=true",
    };
}

public sealed class SqliteCatalogFactory : IDesignTimeDbContextFactory<SqliteCatalogDbContext>
{
    public SqliteCatalogDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteCatalogDbContext>(DatabaseProvider.Sqlite, DatabaseProviderExtensions.CatalogHistoryTable));
}

public sealed class PostgreSqlCatalogFactory : IDesignTimeDbContextFactory<PostgreSqlCatalogDbContext>
{
    public PostgreSqlCatalogDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgreSqlCatalogDbContext>(DatabaseProvider.PostgreSql, DatabaseProviderExtensions.CatalogHistoryTable));
}

public sealed class SqlServerCatalogFactory : IDesignTimeDbContextFactory<SqlServerCatalogDbContext>
{
    public SqlServerCatalogDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqlServerCatalogDbContext>(DatabaseProvider.SqlServer, DatabaseProviderExtensions.CatalogHistoryTable));
}

public sealed class SqliteApplicationFactory : IDesignTimeDbContextFactory<SqliteApplicationDbContext>
{
    public SqliteApplicationDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteApplicationDbContext>(DatabaseProvider.Sqlite, DatabaseProviderExtensions.TenantHistoryTable));
}

public sealed class PostgreSqlApplicationFactory : IDesignTimeDbContextFactory<PostgreSqlApplicationDbContext>
{
    public PostgreSqlApplicationDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgreSqlApplicationDbContext>(DatabaseProvider.PostgreSql, DatabaseProviderExtensions.TenantHistoryTable));
}

public sealed class SqlServerApplicationFactory : IDesignTimeDbContextFactory<SqlServerApplicationDbContext>
{
    public SqlServerApplicationDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqlServerApplicationDbContext>(DatabaseProvider.SqlServer, DatabaseProviderExtensions.TenantHistoryTable));
}
