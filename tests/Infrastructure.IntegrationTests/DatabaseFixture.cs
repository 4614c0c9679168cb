using MentorCloud.Infrastructure;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>The real infrastructure services on a fresh, migrated database.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public string? SkipReason { get; private set; }
    public ITestDatabaseServer Server { get; private set; } = null!;
    public IServiceProvider Services => _services ?? throw new InvalidOperationException(SkipReason);

    /// <summary>The migrated database, for tests that need services of their own on it (another clock, other options).</summary>
    public string ConnectionString { get; private set; } = null!;

    protected abstract Task<ITestDatabaseServer> GetServerAsync();

    public async ValueTask InitializeAsync()
    {
        Server = await GetServerAsync();
        SkipReason = Server.SkipReason;
        if (SkipReason is not null) return;
        ConnectionString = Server.NewDatabase();
        _services = Build(Server, ConnectionString);
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync();
    }

    public static ServiceProvider Build(ITestDatabaseServer server, string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = server.Provider,
            ["ConnectionStrings:Default"] = connectionString,
            ["Jwt:SigningKey"] = "integration-tests-signing-key-0123456789abcdef",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration, new HostingEnvironment { EnvironmentName = "Testing", ContentRootPath = Path.GetTempPath() });
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteDatabase : DatabaseFixture
{
    protected override Task<ITestDatabaseServer> GetServerAsync() => Task.FromResult<ITestDatabaseServer>(SqliteTestServer.Instance);
}

public sealed class PostgresDatabase : DatabaseFixture
{
    protected override async Task<ITestDatabaseServer> GetServerAsync() => await PostgresTestServer.GetAsync();
}

public abstract class DatabaseTest<TDatabase> : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    protected DatabaseTest(TDatabase database)
    {
        Assert.SkipWhen(database.SkipReason is not null, database.SkipReason ?? "");
        Database = database;
    }

    protected TDatabase Database { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A school that exists only for the test: the shared database, or its own at <paramref name="connectionString"/>.</summary>
    protected static MentorCloud.Application.Common.Tenancy.TenantInfo NewTenant(string? connectionString = null) =>
        new(Guid.CreateVersion7(), $"s-{Guid.NewGuid():N}"[..12], "School", Guid.CreateVersion7(), "d", connectionString);
}
