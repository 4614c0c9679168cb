using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// The migrations of every provider match the model, and SQL Server's migration script is generated from them.
/// SQL Server itself is not available here: these tests check its migrations and SQL, not a running server.
/// </summary>
public sealed class MigrationTests
{
    public static readonly TheoryData<Type> DesignTimeFactories = new(
        typeof(CatalogDbContext).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>))));

    private static DbContext Create(Type factory) =>
        (DbContext)factory.GetMethod("CreateDbContext")!.Invoke(Activator.CreateInstance(factory, nonPublic: true), [Array.Empty<string>()])!;

    [Fact]
    public void Every_provider_has_catalog_and_school_migrations()
    {
        DesignTimeFactories.Count.ShouldBe(6);
    }

    [Theory]
    [MemberData(nameof(DesignTimeFactories))]
    public void Migrations_are_in_step_with_the_model(Type factory)
    {
        using var context = Create(factory);
        context.Database.GetMigrations().ShouldNotBeEmpty();
        context.Database.HasPendingModelChanges().ShouldBeFalse($"{context.GetType().Name}: run scripts/add-migration.sh");
    }

    [Fact]
    public void SqlServer_school_script_widens_unique_indexes_and_adds_the_tenant_column()
    {
        using var context = Create(typeof(SqlServerApplicationFactory));
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
    public void SqlServer_catalog_script_creates_unique_codes_and_usernames()
    {
        using var context = Create(typeof(SqlServerCatalogFactory));
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
        using var context = Create(typeof(SqlServerApplicationFactory));
        var sql = ((ApplicationDbContext)context).SchoolPolicies.Where(p => p.MinTalks > 0).ToQueryString();
        sql.ShouldContain("[s].[TenantId] =");
        sql.ShouldContain("@");
    }
}
