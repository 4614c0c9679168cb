using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Schools;
using MentorCloud.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// The platform catalog: districts, schools (the tenant store) and login accounts. Always in the default
/// database and never tenant-filtered. One subclass per provider carries that provider's migrations.
/// </summary>
public abstract class CatalogDbContext(DbContextOptions options) : DbContext(options), ICatalogDbContext
{
    public DbSet<District> Districts => Set<District>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<SignInFailures> SignInFailures => Set<SignInFailures>();

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
