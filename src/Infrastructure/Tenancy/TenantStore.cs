using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>Reads tenants from the catalog, caching hits briefly: every school request resolves one.</summary>
public sealed class CatalogTenantStore(CatalogDbContext catalog, IMemoryCache cache) : ITenantStore
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        FindAsync($"tenant:code:{identifier}", s => s.Code == identifier, cancellationToken);

    public Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        FindAsync($"tenant:id:{id}", s => s.Id == id, cancellationToken);

    private async Task<TenantInfo?> FindAsync(string key, System.Linq.Expressions.Expression<Func<Domain.Schools.School, bool>> match, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out TenantInfo? cached)) return cached;
        var tenant = await catalog.Schools.AsNoTracking().Where(match)
            .Join(catalog.Districts, s => s.DistrictId, d => d.Id, (s, d) => new TenantInfo(s.Id, s.Code, s.Name, d.Id, d.Code, s.ConnectionString))
            .SingleOrDefaultAsync(cancellationToken);
        if (tenant is not null) cache.Set(key, tenant, CacheFor);
        return tenant;
    }
}
