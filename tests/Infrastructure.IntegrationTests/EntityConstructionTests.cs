using MentorCloud.Domain.Common;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// EF Core builds every stored entity through the entity's constructor that takes the stored id, not through one that
/// draws a fresh GUID v7 (random bytes from the operating system) only for EF Core to overwrite it.
/// </summary>
public sealed class EntityConstructionTests
{
    public static readonly TheoryData<Type> Factories = new(
        typeof(SqliteApplicationFactory), typeof(PostgreSqlApplicationFactory), typeof(SqlServerApplicationFactory),
        typeof(SqliteCatalogFactory), typeof(PostgreSqlCatalogFactory), typeof(SqlServerCatalogFactory));

    [Theory]
    [MemberData(nameof(Factories))]
    public void Every_entity_is_materialized_through_its_id_constructor(Type factory)
    {
        using var context = (DbContext)factory.GetMethod("CreateDbContext")!.Invoke(Activator.CreateInstance(factory), [Array.Empty<string>()])!;
        var entities = context.Model.GetEntityTypes().Where(t => t.ClrType.IsAssignableTo(typeof(Entity))).ToList();
        entities.ShouldNotBeEmpty();

        var failures = entities
            .Where(t => t.ConstructorBinding is not ConstructorBinding { Constructor: var constructor } binding
                || constructor.GetParameters() is not [{ Name: "id" }]
                || binding.ParameterBindings is not [{ ConsumedProperties: [{ Name: nameof(Entity.Id) }] }])
            .Select(t => $"{t.DisplayName()}: {t.ConstructorBinding}")
            .ToList();
        failures.ShouldBeEmpty();
    }
}
