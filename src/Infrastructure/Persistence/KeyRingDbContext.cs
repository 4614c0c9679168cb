using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// The data-protection key ring's own context, on the catalog's <c>DataProtectionKeys</c> table in the default database
/// (the catalog's migrations create it). ASP.NET Core Data Protection reads and writes the ring synchronously, and the
/// service's own PostgreSQL connections are multiplexed, which runs asynchronous commands only
/// (<see cref="ServiceConnections"/>); so this context opens connections of its own with the configured string as it is.
/// </summary>
public sealed class KeyRingDbContext(DbContextOptions<KeyRingDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DataProtectionKey>().ToTable(nameof(DataProtectionKeys), t => t.ExcludeFromMigrations());
}
