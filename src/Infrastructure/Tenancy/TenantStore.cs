using System.Linq.Expressions;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Schools;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>
/// Reads tenants from the catalog, caching hits briefly: every school request resolves one. The catalog context is only
/// made when the catalog is asked, not for the requests the cache answers.
/// </summary>
public sealed class CatalogTenantStore(IServiceProvider services, IMemoryCache cache) : ITenantStore
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    // A hit returns the cached task: no key text, no expression tree and no task are made for the requests the cache answers.
    public Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        cache.TryGetValue(new ByCode(identifier), out Task<TenantInfo?>? cached)
            ? cached!
            : FindAsync(new ByCode(identifier), Tenants(s => s.Code == identifier), cancellationToken);

    public Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        cache.TryGetValue(new ById(id), out Task<TenantInfo?>? cached)
            ? cached!
            : FindAsync(new ById(id), Tenants(s => s.Id == id), cancellationToken);

    public async Task<IReadOnlyList<TenantInfo>> WithDedicatedDatabaseAsync(CancellationToken cancellationToken) =>
        await Tenants(s => s.ConnectionString != null).ToListAsync(cancellationToken);

    private async Task<TenantInfo?> FindAsync(object key, IQueryable<TenantInfo> query, CancellationToken cancellationToken)
    {
        var tenant = await query.SingleOrDefaultAsync(cancellationToken);
        if (tenant is not null) _ = cache.Set(key, Task.FromResult<TenantInfo?>(tenant), CacheFor);
        return tenant;
    }

    private readonly record struct ByCode(string Code);

    private readonly record struct ById(Guid Id);

    private IQueryable<TenantInfo> Tenants(Expression<Func<School, bool>> match)
    {
        var catalog = services.GetRequiredService<CatalogDbContext>();
        return catalog.Schools.AsNoTracking().Where(match)
            .Join(catalog.Districts, s => s.DistrictId, d => d.Id, (s, d) => new TenantInfo(s.Id, s.Code, s.Name, d.Id, d.Code, s.ConnectionString));
    }
}
