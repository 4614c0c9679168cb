using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>The <c>Tenancy</c> settings.</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>Where a dedicated database's name goes in a server's connection string.</summary>
    public const string DatabasePlaceholder = "{database}";

    /// <summary>Name → connection string with <see cref="DatabasePlaceholder"/>: the servers dedicated school databases may live on.</summary>
    public Dictionary<string, string> DatabaseServers { get; set; } = [];

    /// <summary>How long a school whose dedicated database does not answer waits before it is checked again; also its <c>Retry-After</c>.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Refuses to start with a server string that has no <c>{database}</c> placeholder or that the provider cannot read.</summary>
public sealed class TenancyOptionsValidator(IOptions<DatabaseOptions> database) : IValidateOptions<TenancyOptions>
{
    public ValidateOptionsResult Validate(string? name, TenancyOptions options)
    {
        var failures = new List<string>();
        if (options.RetryInterval <= TimeSpan.Zero)
            failures.Add($"{TenancyOptions.Section}:RetryInterval must be positive.");
        foreach (var (server, connectionString) in options.DatabaseServers)
        {
            var key = $"{TenancyOptions.Section}:DatabaseServers:{server}";
            if (string.IsNullOrWhiteSpace(connectionString) || !connectionString.Contains(TenancyOptions.DatabasePlaceholder, StringComparison.Ordinal))
                failures.Add($"{key} must be a connection string with the placeholder {TenancyOptions.DatabasePlaceholder} where the school's database name goes.");
            else if (!IsValid(database.Value.Provider, connectionString.Replace(TenancyOptions.DatabasePlaceholder, DedicatedDatabase.NameFor("probe"), StringComparison.Ordinal)))
                failures.Add($"{key} is not a {database.Value.Provider} connection string.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValid(DatabaseProvider provider, string connectionString)
    {
        try
        {
            return provider switch
            {
                DatabaseProvider.Sqlite => !string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource),
                DatabaseProvider.PostgreSql => !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host),
                DatabaseProvider.SqlServer => !string.IsNullOrWhiteSpace(new SqlConnectionStringBuilder(connectionString).DataSource),
                _ => false,
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>The configured database servers; names match case-insensitively, as configuration keys do.</summary>
public sealed class ConfiguredDatabaseServers(IOptions<TenancyOptions> options) : IDatabaseServers
{
    private readonly Dictionary<string, string> _servers = new(options.Value.DatabaseServers, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Names { get; } = options.Value.DatabaseServers.Keys.Order(StringComparer.Ordinal).ToList();

    public string? ConnectionStringFor(string server, string database) =>
        _servers.TryGetValue(server, out var pattern) ? pattern.Replace(TenancyOptions.DatabasePlaceholder, database, StringComparison.Ordinal) : null;
}
