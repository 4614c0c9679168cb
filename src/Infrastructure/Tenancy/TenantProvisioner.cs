using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Policies;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentorCloud.Infrastructure.Tenancy;

public sealed class TenantProvisioner(ITenantScopeFactory scopes, CatalogDbContext catalog, IOptions<DatabaseOptions> database, TimeProvider clock) : ITenantProvisioner
{
    public bool IsValidConnectionString(string connectionString)
    {
        try
        {
            return database.Value.Provider switch
            {
                DatabaseProvider.Sqlite => !string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource),
                DatabaseProvider.PostgreSql => !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host),
                DatabaseProvider.SqlServer => !string.IsNullOrWhiteSpace(new SqlConnectionStringBuilder(connectionString).DataSource),
                _ => false,
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return false;
        }
    }

    public async Task ProvisionAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        if (tenant.ConnectionString is not null)
            await db.Database.MigrateAsync(cancellationToken);
        if (!await db.SchoolPolicies.AnyAsync(cancellationToken))
        {
            var limits = await catalog.Districts.AsNoTracking().Where(d => d.Id == tenant.DistrictId).Select(d => d.Limits).SingleOrDefaultAsync(cancellationToken);
            db.SchoolPolicies.Add(SchoolPolicy.CreateDefault(clock.GetUtcNow(), limits));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
