using System.Data.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// A confirmed outage of the shared database is remembered: until a re-check finds it answering, every context on the
/// shared connection fails at once without trying to connect, while a school's dedicated database is served as usual.
/// Only a failure from a database driver can mark it down, and only when the database does not answer.
/// </summary>
public abstract class SharedDatabaseOutageTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task While_the_shared_database_is_marked_down_its_contexts_fail_at_once_and_a_dedicated_database_is_served_until_the_recheck()
    {
        var availability = Database.Services.GetRequiredService<DatabaseAvailability>();
        var scopes = Database.Services.GetRequiredService<ITenantScopeFactory>();
        var dedicated = NewTenant(Database.Server.NewDatabase());
        await using (var scope = scopes.CreateScope(dedicated))
            await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync(Ct);

        availability.MarkSharedUnavailable().ShouldBeTrue();
        try
        {
            // The database answers all along: the failures below come from the remembered outage, not from connecting.
            await using (var scope = scopes.CreateScope(NewTenant()))
            {
                var unavailable = await Should.ThrowAsync<DatabaseUnavailableException>(() =>
                    scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Schools.AnyAsync(Ct));
                unavailable.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
                await Should.ThrowAsync<DatabaseUnavailableException>(() =>
                    scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.AnyAsync(Ct));
            }
            await using (var scope = scopes.CreateScope(dedicated))
                (await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.AnyAsync(Ct)).ShouldBeFalse();

            await Database.Services.GetRequiredService<TenantDatabases>().RecheckAsync(Ct);

            availability.SharedAvailable.ShouldBeTrue();
            await using (var scope = scopes.CreateScope(NewTenant()))
                (await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.AnyAsync(Ct)).ShouldBeFalse();
        }
        finally
        {
            availability.MarkSharedReady();
        }
    }

    [Fact]
    public async Task A_failure_marks_the_shared_database_down_only_when_it_came_from_a_driver_and_the_database_does_not_answer()
    {
        // A database of its own, in a folder of its own for SQLite, since it is taken offline.
        var connectionString = Database.Server.NewDatabaseServer().Replace("{database}", $"mc_shared_{Guid.NewGuid():N}");
        await using var services = DatabaseFixture.Build(Database.Server, connectionString);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.MigrateAsync(Ct);
        var availability = services.GetRequiredService<DatabaseAvailability>();
        var databases = services.GetRequiredService<TenantDatabases>();

        (await databases.ConfirmSharedOutageAsync(new InvalidOperationException("not a database"), Ct)).ShouldBeFalse();
        (await databases.ConfirmSharedOutageAsync(new DriverError(transient: false), Ct)).ShouldBeFalse();
        // A broken pooled connection after a restart: 503 for this request, but the database answers, so nothing is remembered.
        (await databases.ConfirmSharedOutageAsync(new InvalidOperationException("wrapped", new DriverError(transient: true)), Ct)).ShouldBeTrue();
        availability.SharedAvailable.ShouldBeTrue();

        await Database.Server.SetOfflineAsync(connectionString, offline: true);
        try
        {
            (await databases.ConfirmSharedOutageAsync(new DriverError(transient: false), Ct)).ShouldBeTrue();
            availability.SharedAvailable.ShouldBeFalse();
            await databases.RecheckAsync(Ct);
            availability.SharedAvailable.ShouldBeFalse();
        }
        finally
        {
            await Database.Server.SetOfflineAsync(connectionString, offline: false);
        }

        await databases.RecheckAsync(Ct);
        availability.SharedAvailable.ShouldBeTrue();
    }

    private sealed class DriverError(bool transient) : DbException("a driver error")
    {
        public override bool IsTransient => transient;
    }
}

public sealed class SharedDatabaseOutageTestsOnSqlite(SqliteDatabase database) : SharedDatabaseOutageTests<SqliteDatabase>(database);

public sealed class SharedDatabaseOutageTestsOnPostgres(PostgresDatabase database) : SharedDatabaseOutageTests<PostgresDatabase>(database);
