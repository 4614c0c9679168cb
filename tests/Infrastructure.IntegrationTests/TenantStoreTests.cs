using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Schools;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// Every school request resolves its school: the store reads it from the catalog once and answers again from the cache,
/// without making a catalog context; a school that does not exist is asked for again.
/// </summary>
public abstract class TenantStoreTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task A_school_is_read_once_then_answered_from_the_cache_by_code_and_by_id()
    {
        var school = await AddSchoolAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await using var scope = Database.Services.CreateAsyncScope();
        var services = new CountingServices(scope.ServiceProvider);
        var store = new CatalogTenantStore(services, cache);

        var byCode = await store.FindByIdentifierAsync(school.Code, Ct);
        var byId = await store.FindByIdAsync(school.Id, Ct);
        services.CatalogContexts.ShouldBe(2);
        byCode.ShouldNotBeNull().Id.ShouldBe(school.Id);
        byCode.DistrictCode.ShouldBe("d-" + school.Code);
        byId.ShouldBe(byCode);

        (await store.FindByIdentifierAsync(school.Code, Ct)).ShouldBeSameAs(byCode);
        (await store.FindByIdAsync(school.Id, Ct)).ShouldBeSameAs(byId);
        services.CatalogContexts.ShouldBe(2, "a cached school is answered without asking the catalog");
        store.FindByIdentifierAsync(school.Code, Ct).ShouldBeSameAs(store.FindByIdentifierAsync(school.Code, Ct), "a hit hands out the cached task, made once");
    }

    [Fact]
    public async Task A_school_that_was_not_found_is_asked_for_again()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await using var scope = Database.Services.CreateAsyncScope();
        var store = new CatalogTenantStore(scope.ServiceProvider, cache);
        var code = $"n-{Guid.NewGuid():N}"[..12];

        (await store.FindByIdentifierAsync(code, Ct)).ShouldBeNull();
        var school = await AddSchoolAsync(code);
        (await store.FindByIdentifierAsync(code, Ct)).ShouldNotBeNull().Id.ShouldBe(school.Id);
    }

    private async Task<School> AddSchoolAsync(string? code = null)
    {
        code ??= $"s-{Guid.NewGuid():N}"[..12];
        await using var scope = Database.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var district = new District("d-" + code, "区", DateTimeOffset.UtcNow);
        var school = new School(district.Id, code, "学校", null, DateTimeOffset.UtcNow);
        catalog.AddRange(district, school);
        await catalog.SaveChangesAsync(Ct);
        return school;
    }

    private sealed class CountingServices(IServiceProvider inner) : IServiceProvider
    {
        public int CatalogContexts { get; private set; }

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(CatalogDbContext)) CatalogContexts++;
            return inner.GetService(serviceType);
        }
    }
}

public sealed class TenantStoreTestsOnSqlite(SqliteDatabase database) : TenantStoreTests<SqliteDatabase>(database);

public sealed class TenantStoreTestsOnPostgres(PostgresDatabase database) : TenantStoreTests<PostgresDatabase>(database);
