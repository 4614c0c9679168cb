using System.Linq.Expressions;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// Every table of the school database is tenant-scoped in the EF model itself, on every provider:
/// a tenant filter, a tenant column that every update and delete names (a concurrency token), and unique indexes that
/// start with the tenant.
/// </summary>
public sealed class SchoolModelTests
{
    /// <summary>
    /// Entity types of the school database that deliberately belong to no school. A type listed here is exempt
    /// from the tenant filter, so adding one is a decision, not an accident.
    /// </summary>
    public static readonly IReadOnlySet<Type> GlobalEntityTypes = new HashSet<Type>();

    public static readonly TheoryData<Type> SchoolFactories = new(
        typeof(SqliteApplicationFactory), typeof(PostgreSqlApplicationFactory), typeof(SqlServerApplicationFactory));

    /// <summary>The entity types that must carry the tenant filter, read from the SQLite model.</summary>
    public static IReadOnlyList<Type> TenantOwnedEntityTypes { get; } = TenantOwned(ModelOf(typeof(SqliteApplicationFactory))).Select(t => t.ClrType).ToList();

    public static IModel ModelOf(Type factory)
    {
        using var context = (DbContext)factory.GetMethod("CreateDbContext")!.Invoke(Activator.CreateInstance(factory), [Array.Empty<string>()])!;
        return context.GetService<IDesignTimeModel>().Model;
    }

    // Owned types (guardians, preferences, welcomes) are JSON columns inside their owner's row: the owner's filter covers them.
    private static IEnumerable<IEntityType> TenantOwned(IModel model) =>
        model.GetEntityTypes().Where(t => !t.IsOwned() && !GlobalEntityTypes.Contains(t.ClrType));

    [Theory]
    [MemberData(nameof(SchoolFactories))]
    public void Every_entity_type_of_the_school_model_is_tenant_filtered_or_declared_global(Type factory)
    {
        var model = ModelOf(factory);
        var tenantOwned = TenantOwned(model).ToList();
        tenantOwned.Select(t => t.ClrType).ShouldContain(typeof(Student));
        tenantOwned.Select(t => t.ClrType).ShouldContain(typeof(AuditEntry));
        tenantOwned.Select(t => t.ClrType).ShouldContain(typeof(MentorAssignment));

        var failures = new List<string>();
        foreach (var entityType in tenantOwned)
        {
            var filter = entityType.GetRootType().FindDeclaredQueryFilter(ApplicationDbContext.TenantFilter);
            if (filter?.Expression is null)
                failures.Add($"{entityType.DisplayName()}: no \"{ApplicationDbContext.TenantFilter}\" query filter");
            else if (!ReadsTenantColumn.In(filter.Expression))
                failures.Add($"{entityType.DisplayName()}: the \"{ApplicationDbContext.TenantFilter}\" filter does not compare {ApplicationDbContext.TenantIdProperty}");

            var tenantId = entityType.FindProperty(ApplicationDbContext.TenantIdProperty);
            if (tenantId is null || tenantId.ClrType != typeof(Guid) || tenantId.IsNullable)
                failures.Add($"{entityType.DisplayName()}: no required Guid {ApplicationDbContext.TenantIdProperty}");
            else if (!tenantId.IsConcurrencyToken)
                failures.Add($"{entityType.DisplayName()}: {ApplicationDbContext.TenantIdProperty} is not a concurrency token, so its updates and deletes do not name the school");

            foreach (var index in entityType.GetIndexes().Where(i => i.IsUnique && i.Properties[0].Name != ApplicationDbContext.TenantIdProperty))
                failures.Add($"{entityType.DisplayName()}: unique index ({string.Join(", ", index.Properties.Select(p => p.Name))}) does not start with {ApplicationDbContext.TenantIdProperty}");
        }

        foreach (var type in GlobalEntityTypes)
        {
            if (model.FindEntityType(type) is null) failures.Add($"{type.Name} is declared global but is not in the school model");
        }

        failures.ShouldBeEmpty();
    }
}

file sealed class ReadsTenantColumn : ExpressionVisitor
{
    private bool _found;

    public static bool In(Expression expression)
    {
        var visitor = new ReadsTenantColumn();
        visitor.Visit(expression);
        return visitor._found;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(EF) && node.Method.Name == nameof(EF.Property)
            && node.Arguments[1] is ConstantExpression { Value: ApplicationDbContext.TenantIdProperty })
            _found = true;
        return base.VisitMethodCall(node);
    }
}
