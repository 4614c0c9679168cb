using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>The settings the service adds to its PostgreSQL connection strings, and what keeps them safe.</summary>
public sealed class ServiceConnectionsTests
{
    [Fact]
    public void A_postgresql_string_gets_prepared_statements_and_no_session_reset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ServiceConnections.For(DatabaseProvider.PostgreSql, "Host=db;Database=mentorcloud;Username=app;Password=secret"));

        tuned.MaxAutoPrepare.ShouldBe(ServiceConnections.MaxAutoPrepare);
        tuned.NoResetOnClose.ShouldBeTrue();
        (tuned.Host, tuned.Database, tuned.Username, tuned.Password).ShouldBe(("db", "mentorcloud", "app", "secret"));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    public void A_setting_the_configured_string_names_is_kept_however_it_is_spelled(string configured)
    {
        var tuned = new NpgsqlConnectionStringBuilder(ServiceConnections.For(DatabaseProvider.PostgreSql, configured));

        tuned.MaxAutoPrepare.ShouldBe(0);
        tuned.NoResetOnClose.ShouldBeFalse();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=mentorcloud.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=db;Database=mentorcloud;Trusted_Connection=True")]
    public void Other_providers_keep_the_configured_string(DatabaseProvider provider, string configured) =>
        ServiceConnections.For(provider, configured).ShouldBe(configured);
}

/// <summary>On a real PostgreSQL: the scope's connections carry the settings, and a connection that skips the reset still drops an open transaction.</summary>
public sealed class ServiceConnectionsOnPostgres(PostgresDatabase database) : DatabaseTest<PostgresDatabase>(database)
{
    [Fact]
    public async Task The_scopes_connections_to_the_default_and_a_dedicated_database_prepare_and_skip_the_reset()
    {
        var scopes = Database.Services.GetRequiredService<ITenantScopeFactory>();
        await using (var scope = Database.Services.CreateAsyncScope())
            ShouldBeTuned(scope.ServiceProvider.GetRequiredService<DefaultDatabaseConnection>().ConnectionString);

        await using var dedicated = scopes.CreateScope(NewTenant(Database.Server.NewDatabase()));
        ShouldBeTuned(dedicated.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.GetConnectionString());
    }

    private static void ShouldBeTuned(string? connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        settings.NoResetOnClose.ShouldBeTrue();
        settings.MaxAutoPrepare.ShouldBe(ServiceConnections.MaxAutoPrepare);
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_when_its_connection_goes_back_to_the_pool()
    {
        // One connection in the pool: the second scope gets the very session the first one left.
        var single = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = 1, ApplicationName = $"t-{Guid.NewGuid():N}" }.ConnectionString;
        await using var services = DatabaseFixture.Build(Database.Server, single);
        var tenant = NewTenant();
        var employeeNo = $"T-{Guid.NewGuid():N}"[..12];
        var scopes = services.GetRequiredService<ITenantScopeFactory>();
        int firstSession;
        await using (var scope = scopes.CreateScope(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            firstSession = await BackendIdAsync(db);
            await db.Database.BeginTransactionAsync(Ct);
            db.Add(new Teacher("钱老师", employeeNo, []));
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = scopes.CreateScope(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            (await BackendIdAsync(db)).ShouldBe(firstSession);
            // The same session would see its own insert if the transaction were still open.
            (await db.Teachers.AnyAsync(t => t.EmployeeNo == employeeNo, Ct)).ShouldBeFalse();
            db.Add(new Teacher("孙老师", employeeNo, []));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }
    }

    private static Task<int> BackendIdAsync(ApplicationDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync(Ct);
}
