using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>Database servers come from configuration by name; their strings are checked before the service starts.</summary>
public sealed class DatabaseServerTests
{
    private static TenancyOptions With(params (string Name, string ConnectionString)[] servers) =>
        new() { DatabaseServers = servers.ToDictionary(s => s.Name, s => s.ConnectionString) };

    private static ValidateOptionsResult Validate(DatabaseProvider provider, TenancyOptions options) =>
        new TenancyOptionsValidator(Options.Create(new DatabaseOptions { Provider = provider })).Validate(null, options);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=/var/lib/mentorcloud/{database}.db")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=db.internal;Database={database};Username=mc")]
    [InlineData(DatabaseProvider.SqlServer, "Server=sql.internal;Database={database};Integrated Security=true;TrustServerCertificate=true")]
    public void A_server_string_with_the_database_placeholder_is_accepted(DatabaseProvider provider, string connectionString) =>
        Validate(provider, With(("primary", connectionString))).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=/var/lib/mentorcloud/school.db")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=db.internal;Database=mentorcloud")]
    [InlineData(DatabaseProvider.SqlServer, "")]
    public void A_server_string_without_the_database_placeholder_stops_the_start(DatabaseProvider provider, string connectionString)
    {
        var result = Validate(provider, With(("primary", connectionString)));

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Tenancy:DatabaseServers:primary");
        result.FailureMessage.ShouldContain("{database}");
    }

    [Fact]
    public void A_server_string_the_provider_cannot_read_stops_the_start()
    {
        var result = Validate(DatabaseProvider.PostgreSql, With(("primary", "this is ; not = a {database} connection string")));

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Tenancy:DatabaseServers:primary is not a PostgreSql connection string");
    }

    [Fact]
    public void The_retry_interval_must_be_positive() =>
        Validate(DatabaseProvider.Sqlite, new TenancyOptions { RetryInterval = TimeSpan.Zero }).Failed.ShouldBeTrue();

    [Fact]
    public void A_named_server_gives_the_connection_string_of_the_school_database_on_it()
    {
        var servers = new ConfiguredDatabaseServers(Options.Create(With(
            ("secondary", "Host=db2;Database={database}"), ("primary", "Host=db1;Database={database};Username=mc"))));

        servers.Names.ShouldBe(["primary", "secondary"]);
        servers.ConnectionStringFor("primary", "mc_first").ShouldBe("Host=db1;Database=mc_first;Username=mc");
        servers.ConnectionStringFor("PRIMARY", "mc_first").ShouldBe("Host=db1;Database=mc_first;Username=mc");
        servers.ConnectionStringFor("Host=evil;Database=x", "mc_first").ShouldBeNull();
    }
}
