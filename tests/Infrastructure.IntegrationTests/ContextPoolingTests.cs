using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// Both contexts come from pools: the next scope gets the same instance back, with its own tenant and connection and
/// nothing of the scope before it, whether that served a shared school, a school with a dedicated database, or nobody.
/// </summary>
public abstract class ContextPoolingTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task A_context_back_from_the_pool_serves_the_next_scope_with_its_tenant_and_connection_only()
    {
        var shared = NewTenant();
        var scopes = Database.Services.GetRequiredService<ITenantScopeFactory>();
        ApplicationDbContext first;
        CatalogDbContext firstCatalog;
        await using (var scope = scopes.CreateScope(shared))
        {
            first = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            firstCatalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            first.Add(new Teacher("王老师", $"T-{Guid.NewGuid():N}"[..12], []));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
            first.Database.GetDbConnection().ShouldBeSameAs(firstCatalog.Database.GetDbConnection());
            first.CurrentTenantId.ShouldBe(shared.Id);
        }

        await using (var nobody = Database.Services.CreateAsyncScope())
        {
            var db = nobody.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var catalog = nobody.ServiceProvider.GetRequiredService<CatalogDbContext>();
            db.ShouldBeSameAs(first);
            catalog.ShouldBeSameAs(firstCatalog);
            db.CurrentTenantId.ShouldBe(Guid.Empty);
            db.Database.GetDbConnection().ShouldBeSameAs(nobody.ServiceProvider.GetRequiredService<DefaultDatabaseConnection>().Connection);
            catalog.Database.GetDbConnection().ShouldBeSameAs(db.Database.GetDbConnection());
            (await db.Teachers.CountAsync(Ct)).ShouldBe(0);
            db.Add(new Teacher("李老师", "T-none", []));
            await Should.ThrowAsync<TenantRequiredException>(() => db.SaveChangesAsync(Ct));
        }

        await using var again = scopes.CreateScope(shared);
        var school = again.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        school.ShouldBeSameAs(first);
        school.ChangeTracker.Entries().ShouldBeEmpty();
        (await school.Teachers.CountAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task A_school_with_its_own_database_gets_its_own_connection_and_the_next_scope_the_shared_one_again()
    {
        var dedicated = NewTenant(Database.Server.NewDatabase());
        var scopes = Database.Services.GetRequiredService<ITenantScopeFactory>();
        ApplicationDbContext leased;
        await using (var scope = scopes.CreateScope(dedicated))
        {
            leased = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            // A database that does not exist yet is created by the migration, from the lease's connection string.
            await leased.Database.MigrateAsync(Ct);
            leased.OnSharedDatabase.ShouldBeFalse();
            leased.Database.GetDbConnection().ShouldNotBeSameAs(scope.ServiceProvider.GetRequiredService<DefaultDatabaseConnection>().Connection);
            leased.Add(new Teacher("赵老师", "T-own", []));
            await leased.SaveChangesAsync(Ct);
        }

        var shared = NewTenant();
        await using (var scope = scopes.CreateScope(shared))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.ShouldBeSameAs(leased);
            db.OnSharedDatabase.ShouldBeTrue();
            db.Database.GetDbConnection().ShouldBeSameAs(scope.ServiceProvider.GetRequiredService<DefaultDatabaseConnection>().Connection);
            (await db.Teachers.IgnoreQueryFilters([ApplicationDbContext.TenantFilter]).AnyAsync(t => t.EmployeeNo == "T-own", Ct)).ShouldBeFalse();
        }

        await using var back = scopes.CreateScope(dedicated);
        var own = back.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        (await own.Teachers.Select(t => t.EmployeeNo).ToListAsync(Ct)).ShouldBe(["T-own"]);
    }
}

public sealed class ContextPoolingTestsOnSqlite(SqliteDatabase database) : ContextPoolingTests<SqliteDatabase>(database);

public sealed class ContextPoolingTestsOnPostgres(PostgresDatabase database) : ContextPoolingTests<PostgresDatabase>(database);

/// <summary>
/// A pooled context is given back once, by its scope: a dispose arriving later (the container disposes a scoped context
/// once per type it was resolved as) never hands back the instance another scope holds by then. Its own fixture, so its
/// two contexts held at once do not change which instance the tests above get back.
/// </summary>
public abstract class ContextLeaseTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task A_late_dispose_from_the_scope_before_leaves_alone_the_context_another_scope_now_holds()
    {
        var shared = NewTenant();
        var scopes = Database.Services.GetRequiredService<ITenantScopeFactory>();
        ApplicationDbContext first;
        await using (var scope = scopes.CreateScope(shared))
        {
            first = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().ShouldBeSameAs(first);
        }
        await using var holder = scopes.CreateScope(shared);
        var held = holder.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        held.ShouldBeSameAs(first);

        // The container disposes a scoped context once for each type it was resolved as; a dispose that arrives after
        // the pool lent the instance to another scope must not give that scope's context back.
        await first.DisposeAsync();
        first.Dispose();

        held.CurrentTenantId.ShouldBe(shared.Id);
        await using var other = scopes.CreateScope(shared);
        other.ServiceProvider.GetRequiredService<ApplicationDbContext>().ShouldNotBeSameAs(held);
        (await held.Teachers.CountAsync(Ct)).ShouldBe(0);
    }
}

public sealed class ContextLeaseTestsOnSqlite(SqliteDatabase database) : ContextLeaseTests<SqliteDatabase>(database);

public sealed class ContextLeaseTestsOnPostgres(PostgresDatabase database) : ContextLeaseTests<PostgresDatabase>(database);
