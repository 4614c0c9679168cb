using System.Data.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Schools;
using MentorCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// The platform catalog: districts, schools (the tenant store) and login accounts. Always in the default
/// database and never tenant-filtered. One subclass per provider carries that provider's migrations. Instances come from a
/// pool: a scope leases one on its shared default connection (<see cref="Lease"/>) and gives it back without it.
/// </summary>
public abstract class CatalogDbContext(DbContextOptions options) : PooledDbContext(options), ICatalogDbContext
{
    public DbSet<District> Districts => Set<District>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<SignInFailures> SignInFailures => Set<SignInFailures>();
    public DbSet<DistrictStatisticsSnapshot> DistrictStatistics => Set<DistrictStatisticsSnapshot>();

    /// <summary>The platform's data-protection key ring (webhook secrets), shared by every node; read and written through <see cref="KeyRingDbContext"/>.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Binds the context to a scope's shared default connection.</summary>
    internal void Lease(DbConnection connection, string connectionString) => LeaseConnection(connection, connectionString, owned: false);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly, t => t.Namespace!.EndsWith(".Catalog", StringComparison.Ordinal));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.ApplyProviderConventions(Database.ProviderName);
}

public sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options);

public sealed class PostgreSqlCatalogDbContext(DbContextOptions<PostgreSqlCatalogDbContext> options) : CatalogDbContext(options);

public sealed class SqlServerCatalogDbContext(DbContextOptions<SqlServerCatalogDbContext> options) : CatalogDbContext(options);
