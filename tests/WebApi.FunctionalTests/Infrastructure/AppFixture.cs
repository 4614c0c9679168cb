using MentorCloud.TestSupport;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>One running application per test class, on its own database. Tests in a class use unique codes.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private MentorCloudFactory? _factory;

    public string? SkipReason { get; private set; }

    public MentorCloudFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason ?? "The fixture is not initialized.");

    protected abstract Task<ITestDatabaseServer> GetServerAsync();

    /// <summary>Configuration the fixture's application starts with, beyond the defaults of <see cref="MentorCloudFactory"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        var server = await GetServerAsync();
        SkipReason = server.SkipReason;
        if (SkipReason is not null) return;
        _factory = new MentorCloudFactory(server, server.NewDatabase(), Settings);
        _ = _factory.Server; // start the host now: migrations and bootstrap run once per class
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : AppFixture
{
    protected override Task<ITestDatabaseServer> GetServerAsync() => Task.FromResult<ITestDatabaseServer>(SqliteTestServer.Instance);
}

public sealed class PostgresApp : AppFixture
{
    protected override async Task<ITestDatabaseServer> GetServerAsync() => await PostgresTestServer.GetAsync();
}

/// <summary>Base of every functional test class; the suite runs once per database (see the *OnSqlite / *OnPostgres classes).</summary>
public abstract class FunctionalTest<TApp> : IClassFixture<TApp> where TApp : AppFixture
{
    protected FunctionalTest(TApp app)
    {
        Assert.SkipWhen(app.SkipReason is not null, app.SkipReason ?? "");
        App = app;
        Api = new TestApi(app.Factory);
    }

    protected TApp App { get; }

    protected TestApi Api { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
