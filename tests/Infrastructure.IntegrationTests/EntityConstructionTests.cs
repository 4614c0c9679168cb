using MentorCloud.Domain.Common;
using MentorCloud.Domain.Students;
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

    [Fact]
    public void A_new_entity_gets_a_fresh_id_and_a_stored_one_keeps_its_own()
    {
        var first = new Student("李明", "S1", Guid.CreateVersion7(), Gender.Male, null, []);
        var second = new Student("王芳", "S2", Guid.CreateVersion7(), Gender.Female, null, []);
        first.Id.ShouldNotBe(Guid.Empty);
        second.Id.ShouldNotBe(first.Id);

        var stored = (Student)typeof(Student).GetConstructor(
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, [typeof(Guid)])!.Invoke([first.Id]);
        stored.Id.ShouldBe(first.Id);
    }
}
