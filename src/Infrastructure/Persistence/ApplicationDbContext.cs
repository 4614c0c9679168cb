using System.Data.Common;
using System.Linq.Expressions;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Notifications;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Domain.Webhooks;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// One school's data. It connects to the tenant's dedicated database when it has one, sees only the
/// current tenant's rows (the named "tenant" filter), and refuses to save rows of any other tenant.
/// Instances come from a pool: a scope leases one (<see cref="Lease"/>) and gives it back when the scope ends, without its
/// tenant or connection.
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options) : PooledDbContext(options), IApplicationDbContext
{
    public const string TenantIdProperty = "TenantId";
    public const string TenantFilter = "tenant";

    private ITenantContext? _tenant;

    public DbSet<SchoolPolicy> SchoolPolicies => Set<SchoolPolicy>();
    public DbSet<Semester> Semesters => Set<Semester>();
    public DbSet<Teacher> Teachers => Set<Teacher>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Idempotency.IdempotencyRequest> IdempotencyRequests => Set<Idempotency.IdempotencyRequest>();

    IQueryable<AuditEntry> IApplicationDbContext.AuditEntries => AuditEntries.AsNoTracking();
    public DbSet<MentorGroup> MentorGroups => Set<MentorGroup>();
    public DbSet<MentorAssignment> MentorAssignments => Set<MentorAssignment>();
    public DbSet<MentorLoad> MentorLoads => Set<MentorLoad>();
    public DbSet<StudentArchive> StudentArchives => Set<StudentArchive>();
    public DbSet<ArchiveEntry> ArchiveEntries => Set<ArchiveEntry>();
    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();
    public DbSet<MentorEvaluation> MentorEvaluations => Set<MentorEvaluation>();
    public DbSet<GuidanceActivity> GuidanceActivities => Set<GuidanceActivity>();
    public DbSet<ActivityStudent> ActivityStudents => Set<ActivityStudent>();
    public DbSet<FollowUpAction> ActivityFollowUps => Set<FollowUpAction>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();

    IQueryable<WebhookDeliveryAttempt> IApplicationDbContext.WebhookDeliveryAttempts => WebhookDeliveryAttempts.AsNoTracking();

    /// <summary>The tenant the filter compares with; <see cref="Guid.Empty"/> (no row has it) when none is set.</summary>
    public Guid CurrentTenantId => _tenant?.Current?.Id ?? Guid.Empty;

    public void AttachStored<TEntity>(TEntity entity) where TEntity : class, ITenantOwned
    {
        var school = Attach(entity).Property<Guid>(TenantIdProperty);
        school.OriginalValue = school.CurrentValue = CurrentTenantId;
        school.IsModified = false;
    }

    /// <summary>
    /// Binds the context to a scope: the scope's tenant, read at every query and save (so a tenant set later in the scope
    /// counts), and the connection to use: the scope's shared default connection, or a dedicated database's connection,
    /// which the context then disposes when the scope gives it back.
    /// </summary>
    internal void Lease(ITenantContext tenant, DbConnection connection, string connectionString, bool dedicated)
    {
        LeaseConnection(connection, connectionString, owned: dedicated);
        _tenant = tenant;
    }

    /// <summary>Forgets the scope's tenant before the context goes back to the pool.</summary>
    protected override void OnReturn() => _tenant = null;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly, t => t.Namespace!.EndsWith(".Tenant", StringComparison.Ordinal));
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
            ApplyTenancy(modelBuilder, entityType);
        modelBuilder.ApplyProviderColumnTypes(Database.ProviderName);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.ApplyProviderConventions(Database.ProviderName);

    /// <summary>
    /// Tenant column, tenant filter, and unique indexes widened with the tenant so codes repeat across schools. The column
    /// is a concurrency token: every update and delete names the school as well as the id, so a row of another school
    /// (say, one attached by an id from elsewhere) is not found, and the save fails instead of changing it.
    /// </summary>
    private void ApplyTenancy(ModelBuilder modelBuilder, IMutableEntityType entityType)
    {
        var builder = modelBuilder.Entity(entityType.ClrType);
        builder.Property<Guid>(TenantIdProperty).IsRequired().IsConcurrencyToken();

        foreach (var index in entityType.GetIndexes().Where(i => i.IsUnique).ToList())
        {
            var properties = index.Properties.Select(p => p.Name).ToList();
            if (properties.Contains(TenantIdProperty)) continue;
            var sqlFilter = index.GetFilter();
            entityType.RemoveIndex(index);
            builder.HasIndex([TenantIdProperty, .. properties]).IsUnique().HasFilter(sqlFilter);
        }
        if (!entityType.GetIndexes().Any(i => i.Properties[0].Name == TenantIdProperty))
            builder.HasIndex(TenantIdProperty);

        var row = Expression.Parameter(entityType.ClrType, "row");
        var filter = Expression.Lambda(
            Expression.Equal(
                Expression.Call(typeof(EF), nameof(EF.Property), [typeof(Guid)], row, Expression.Constant(TenantIdProperty)),
                Expression.Property(Expression.Constant(this), nameof(CurrentTenantId))),
            row);
        builder.HasQueryFilter(TenantFilter, filter);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampAndGuardTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampAndGuardTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Writes added rows that nothing reads back in this scope (the audit entries a read records, a request's
    /// idempotency reservation) with one plain statement each, in one transaction when there are several, and forgets
    /// them: a save would track, batch and generate SQL for them. The tenant column is stamped and guarded as a save
    /// does; a driver's error (a unique index's, say) surfaces as it is, not wrapped in a <see cref="DbUpdateException"/>.
    /// </summary>
    internal async Task InsertAddedAsync(IReadOnlyList<EntityEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.FirstOrDefault(r => r.State != EntityState.Added) is { } other)
            throw new InvalidOperationException($"Only added rows are inserted this way, not {other.Metadata.ClrType.Name} ({other.State}).");
        try
        {
            StampAndGuardTenant();
            await using var transaction = rows.Count > 1 && Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            foreach (var row in rows)
                await RowInsert.ExecuteAsync(this, row, cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            foreach (var row in rows)
                row.State = EntityState.Detached;
        }
    }

    private void StampAndGuardTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.Entity is IAppendOnly && entry.State is not EntityState.Added)
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only.");
            var current = _tenant?.Current?.Id ?? throw new TenantRequiredException();
            var column = entry.Property<Guid>(TenantIdProperty);
            var owner = entry.State == EntityState.Added ? column.CurrentValue : column.OriginalValue;
            if (entry.State == EntityState.Added && owner == Guid.Empty)
                column.CurrentValue = current;
            else if (owner != current || column.CurrentValue != current)
                throw new CrossTenantWriteException(entry.Metadata.ClrType.Name, owner, current);
        }
    }
}

public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options) : ApplicationDbContext(options);

public sealed class PostgreSqlApplicationDbContext(DbContextOptions<PostgreSqlApplicationDbContext> options) : ApplicationDbContext(options);

public sealed class SqlServerApplicationDbContext(DbContextOptions<SqlServerApplicationDbContext> options) : ApplicationDbContext(options);
