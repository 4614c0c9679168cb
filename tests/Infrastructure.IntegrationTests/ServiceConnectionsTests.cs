using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>The settings the service adds to its PostgreSQL connection strings, and what keeps them safe.</summary>
public sealed class ServiceConnectionsTests
{
    [Fact]
    public void A_postgresql_string_gets_prepared_statements_no_session_reset_and_multiplexing()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ServiceConnections.For(DatabaseProvider.PostgreSql, "Host=db;Database=mentorcloud;Username=app;Password=secret"));

        tuned.MaxAutoPrepare.ShouldBe(ServiceConnections.MaxAutoPrepare);
        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.Multiplexing.ShouldBeTrue();
        (tuned.Host, tuned.Database, tuned.Username, tuned.Password).ShouldBe(("db", "mentorcloud", "app", "secret"));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false;Multiplexing=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false;multiplexing=False")]
    public void A_setting_the_configured_string_names_is_kept_however_it_is_spelled(string configured)
    {
        var tuned = new NpgsqlConnectionStringBuilder(ServiceConnections.For(DatabaseProvider.PostgreSql, configured));

        tuned.MaxAutoPrepare.ShouldBe(0);
        tuned.NoResetOnClose.ShouldBeFalse();
        tuned.Multiplexing.ShouldBeFalse();
    }

    [Fact]
    public void The_load_tests_raw_baseline_gets_the_same_settings_by_default()
    {
        // tests/Load/request-path.sh compares the service with a raw Npgsql app; both must talk to PostgreSQL alike.
        var script = File.ReadAllText(Path.Combine(MentorCloud.TestSupport.Repository.Root(), "tests", "Load", "request-path.sh"));
        var raw = System.Text.RegularExpressions.Regex.Match(script, @"\$\{RAW_SETTINGS-;([^}]*)\}").Groups[1].Value;
        var service = new NpgsqlConnectionStringBuilder(ServiceConnections.For(DatabaseProvider.PostgreSql, "Host=db"));
        service.Remove("Host");

        new NpgsqlConnectionStringBuilder(raw).ConnectionString.ShouldBe(service.ConnectionString);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=mentorcloud.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=db;Database=mentorcloud;Trusted_Connection=True")]
    public void Other_providers_keep_the_configured_string(DatabaseProvider provider, string configured) =>
        ServiceConnections.For(provider, configured).ShouldBe(configured);
}

/// <summary>
/// On a real PostgreSQL: the scope's connections carry the settings, a connection that skips the reset still drops an open
/// transaction, and the key ring, read and written synchronously, works beside the multiplexed connections.
/// </summary>
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
        settings.Multiplexing.ShouldBeTrue();
    }

    [Fact]
    public async Task The_key_ring_is_stored_and_read_on_a_connection_of_its_own_without_multiplexing()
    {
        // A fresh database: no key yet, so protecting creates one, stores it and reads the ring back, all synchronously.
        await using var services = DatabaseFixture.Build(Database.Server, Database.Server.NewDatabase());
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(Ct);
        await using var scope = services.CreateAsyncScope();
        var keyRing = scope.ServiceProvider.GetRequiredService<KeyRingDbContext>();
        new NpgsqlConnectionStringBuilder(keyRing.Database.GetConnectionString()).Multiplexing.ShouldBeFalse();

        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        protector.Unprotect(protector.Protect("密钥")).ShouldBe("密钥");
        (await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().DataProtectionKeys.CountAsync(Ct)).ShouldBe(1);
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
