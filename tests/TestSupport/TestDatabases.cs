using Microsoft.Data.Sqlite;
using Npgsql;
using Testcontainers.PostgreSql;

namespace MentorCloud.TestSupport;

/// <summary>A database server the suites run on; each test class gets fresh, empty databases from it.</summary>
public interface ITestDatabaseServer
{
    /// <summary>The <c>Database:Provider</c> value for this server.</summary>
    string Provider { get; }

    /// <summary>Why the server is not available; null when it is.</summary>
    string? SkipReason { get; }

    /// <summary>A connection string to a database that does not exist yet (migrations create it).</summary>
    string NewDatabase();

    /// <summary>A value for <c>Tenancy:DatabaseServers:{name}</c>: a connection string with <c>{database}</c>, its databases apart from any other server's.</summary>
    string NewDatabaseServer();

    /// <summary>A value for <c>Tenancy:DatabaseServers:{name}</c> on which nothing answers.</summary>
    string UnreachableDatabaseServer();

    /// <summary>Makes the existing database behind <paramref name="connectionString"/> stop answering, or answer again.</summary>
    Task SetOfflineAsync(string connectionString, bool offline);
}

/// <summary>SQLite files in a temporary folder: always available.</summary>
public sealed class SqliteTestServer : ITestDatabaseServer
{
    public static readonly SqliteTestServer Instance = new();

    private readonly string _folder = Directory.CreateTempSubdirectory("mentorcloud-tests-").FullName;

    public string Provider => "Sqlite";
    public string? SkipReason => null;

    public string NewDatabase() => $"Data Source={Path.Combine(_folder, $"{Guid.NewGuid():N}.db")}";

    public string NewDatabaseServer() => $"Data Source={Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, $"server-{Guid.NewGuid():N}")).FullName, "{database}.db")}";

    /// <summary>A folder that does not exist: SQLite creates files, never folders.</summary>
    public string UnreachableDatabaseServer() => $"Data Source={Path.Combine(_folder, $"missing-{Guid.NewGuid():N}", "{database}.db")}";

    /// <summary>Moves the database's folder away and back; pooled connections, which would still reach the moved file, are dropped.</summary>
    public Task SetOfflineAsync(string connectionString, bool offline)
    {
        var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource)!;
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        if (offline) Directory.Move(folder, folder + ".offline");
        else Directory.Move(folder + ".offline", folder);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A real PostgreSQL: the server named by <c>MENTORCLOUD_TEST_POSTGRES</c>, else a Testcontainers container when a
/// Docker engine answers, else unavailable with the reason (the tests then report themselves skipped).
/// </summary>
public sealed class PostgresTestServer : ITestDatabaseServer
{
    public const string EnvironmentVariable = "MENTORCLOUD_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresTestServer>> Shared = new(StartAsync);
    private static PostgreSqlContainer? _container;

    private readonly string? _adminConnectionString;

    private PostgresTestServer(string? adminConnectionString, string? skipReason)
    {
        _adminConnectionString = adminConnectionString;
        SkipReason = skipReason;
    }

    public static Task<PostgresTestServer> GetAsync() => Shared.Value;

    public string Provider => "PostgreSql";
    public string? SkipReason { get; }

    public string NewDatabase() => new NpgsqlConnectionStringBuilder(_adminConnectionString)
    {
        Database = $"mc_{Guid.NewGuid():N}",
        MaxPoolSize = 20,
    }.ConnectionString;

    public string NewDatabaseServer() => new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = "{database}", MaxPoolSize = 20 }.ConnectionString;

    /// <summary>Port 1 on this machine, where nothing listens: connections are refused at once.</summary>
    public string UnreachableDatabaseServer() =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Host = "127.0.0.1", Port = 1, Database = "{database}", Timeout = 5 }.ConnectionString;

    /// <summary>Closes the database to new connections and ends the open ones, or opens it again.</summary>
    public async Task SetOfflineAsync(string connectionString, bool offline)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var command = admin.CreateCommand();
        command.CommandText = $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(offline ? "false" : "true")};"
                              + (offline ? $" SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}';" : "");
        await command.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
    }

    private static async Task<PostgresTestServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return await Checked(configured, $"{EnvironmentVariable} is set but the server did not answer");

        try
        {
            _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await _container.StartAsync(timeout.Token);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return await Checked(_container.GetConnectionString(), "the PostgreSQL container did not answer");
        }
        catch (Exception ex)
        {
            return new PostgresTestServer(null,
                $"No PostgreSQL for the tests: {EnvironmentVariable} is not set and no Docker engine answered ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private static async Task<PostgresTestServer> Checked(string connectionString, string failure)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return new PostgresTestServer(connectionString, null);
        }
        catch (NpgsqlException ex)
        {
            // A configured server that does not answer is an error, never a silent skip.
            throw new InvalidOperationException($"{failure}: {ex.Message}", ex);
        }
    }
}
