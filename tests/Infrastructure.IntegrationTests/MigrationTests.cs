using System.Reflection;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// The migrations of every provider match the model, and SQL Server's migration script is generated from them.
/// SQL Server itself is not available here: these tests check its migrations and SQL, not a running server.
/// </summary>
public sealed class MigrationTests
{
    public static readonly TheoryData<DatabaseProvider, bool> ProvidersAndDatabases = new(
        from provider in Enum.GetValues<DatabaseProvider>()
        from school in new[] { false, true }
        select (provider, school));

    private static DbContext Create(DatabaseProvider provider, bool school) => (provider, school) switch
    {
        (DatabaseProvider.Sqlite, false) => new SqliteCatalogFactory().CreateDbContext([]),
        (DatabaseProvider.Sqlite, true) => new SqliteApplicationFactory().CreateDbContext([]),
        (DatabaseProvider.PostgreSql, false) => new PostgreSqlCatalogFactory().CreateDbContext([]),
        (DatabaseProvider.PostgreSql, true) => new PostgreSqlApplicationFactory().CreateDbContext([]),
        (DatabaseProvider.SqlServer, false) => new SqlServerCatalogFactory().CreateDbContext([]),
        (DatabaseProvider.SqlServer, true) => new SqlServerApplicationFactory().CreateDbContext([]),
        _ => throw new InvalidOperationException($"No design-time factory for the {(school ? "school" : "catalog")} database on {provider}."),
    };

    [Theory]
    [MemberData(nameof(ProvidersAndDatabases))]
    public void Every_provider_has_catalog_and_school_migrations_of_its_own(DatabaseProvider provider, bool school)
    {
        using var context = Create(provider, school);
        var migrations = context.GetService<IMigrationsAssembly>();

        context.Database.GetMigrations().ShouldNotBeEmpty();
        migrations.ModelSnapshot.ShouldNotBeNull();
        // Migrations generated for another engine would compile and still produce the wrong SQL.
        var folder = $".Migrations.{provider}.{(school ? "Tenant" : "Catalog")}";
        migrations.Migrations.Values.Append(migrations.ModelSnapshot.GetType().GetTypeInfo())
            .Where(t => !t.Namespace!.EndsWith(folder, StringComparison.Ordinal)).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ProvidersAndDatabases))]
    public void The_model_has_no_changes_missing_from_the_last_migration(DatabaseProvider provider, bool school)
    {
        using var context = Create(provider, school);
        context.Database.HasPendingModelChanges().ShouldBeFalse($"{context.GetType().Name}: run scripts/add-migration.sh");
    }

    [Fact]
    public void SqlServer_school_script_widens_unique_indexes_and_adds_the_tenant_column()
    {
        using var context = Create(DatabaseProvider.SqlServer, school: true);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        script.ShouldContain("CREATE TABLE [SchoolPolicies]");
        script.ShouldContain("[TenantId] uniqueidentifier NOT NULL");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_SchoolPolicies_TenantId_Version]");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Students_TenantId_StudentNo]");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Teachers_TenantId_EmployeeNo]");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Classes_TenantId_SchoolYear_HeadTeacherId]");
        script.ShouldContain("__TenantMigrations");
    }

    [Fact]
    public void The_school_scripts_carry_the_covering_indexes_and_statistics_a_school_semester_is_read_with()
    {
        using var sqlServer = Create(DatabaseProvider.SqlServer, school: true);
        var script = sqlServer.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        script.ShouldContain("CREATE INDEX [IX_GuidanceActivities_TenantId_SemesterId_Kind] ON [GuidanceActivities] ([TenantId], [SemesterId], [Kind]) INCLUDE ([Id], [DeletedAt], [Mode])");
        script.ShouldContain("CREATE INDEX [IX_MentorAssignments_TenantId_SemesterId] ON [MentorAssignments] ([TenantId], [SemesterId]) INCLUDE ([GroupId], [StudentId], [MentorId]) WHERE \"EndedAt\" IS NULL");
        script.ShouldContain("CREATE STATISTICS [ST_GuidanceActivities_TenantId_SemesterId] ON [GuidanceActivities] ([TenantId], [SemesterId])");

        using var postgres = Create(DatabaseProvider.PostgreSql, school: true);
        script = postgres.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        script.ShouldContain("CREATE INDEX \"IX_Students_TenantId_IsActive\" ON \"Students\" (\"TenantId\", \"IsActive\") INCLUDE (\"Id\", \"AttentionFlags\")");
        script.ShouldContain("CREATE INDEX \"IX_MonthlyReports_TenantId_SemesterId_StudentId\" ON \"MonthlyReports\" (\"TenantId\", \"SemesterId\", \"StudentId\") INCLUDE (\"Month\")");
        script.ShouldContain("CREATE STATISTICS IF NOT EXISTS \"ST_MonthlyReports_TenantId_SemesterId\" (dependencies) ON \"TenantId\", \"SemesterId\" FROM \"MonthlyReports\"");
    }

    [Fact]
    public void SqlServer_catalog_script_creates_unique_codes_and_usernames()
    {
        using var context = Create(DatabaseProvider.SqlServer, school: false);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        script.ShouldContain("CREATE TABLE [Districts]");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Districts_Code]");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Schools_Code]");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Users_NormalizedUsername]");
        script.ShouldContain("__CatalogMigrations");
    }

    [Fact]
    public void SqlServer_tenant_filter_translates_to_a_parameterized_tenant_predicate()
    {
        using var context = Create(DatabaseProvider.SqlServer, school: true);
        var sql = ((ApplicationDbContext)context).SchoolPolicies.Where(p => p.Settings.MinTalks > 0).ToQueryString();
        sql.ShouldContain("[s].[TenantId] =");
        sql.ShouldContain("@");
    }
}
