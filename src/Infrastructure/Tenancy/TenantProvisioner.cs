using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Policies;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Tenancy;

public sealed class TenantProvisioner(ITenantScopeFactory scopes, CatalogDbContext catalog, IOptions<TenancyOptions> tenancy, TimeProvider clock) : ITenantProvisioner
{
    public async Task ProvisionAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        try
        {
            await ProvisionStorageAsync(tenant, cancellationToken);
        }
        catch (Exception ex) when (tenant.ConnectionString is not null && DatabaseFailures.IsDatabaseFailure(ex))
        {
            // The catalog has not saved the school yet, so nothing is stored; the operator's server, not the caller, is at fault.
            throw new DatabaseUnavailableException(Messages.DatabaseServerUnavailableDetail, tenancy.Value.RetryInterval, ex);
        }
    }

    private async Task ProvisionStorageAsync(TenantInfo tenant, CancellationToken cancellationToken)
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
