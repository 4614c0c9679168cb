using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

/// <summary>
/// Indexes for reading one school's semester at once (school statistics, the district rollup, overdue duties). Rows
/// of many schools are written side by side, so a school's rows lie one per page across the whole table; an index
/// that leads with the school and carries the columns the aggregates read keeps them together and is read without
/// the table (index-only on PostgreSQL, covering on SQL Server; SQLite keeps the key columns only).
/// </summary>
internal static class SemesterReadIndexes
{
    public static IndexBuilder HasSchoolIndex<T>(this EntityTypeBuilder<T> builder, string[] keys, params string[] included) where T : class
    {
        builder.Property<Guid>(ApplicationDbContext.TenantIdProperty);
        var index = builder.HasIndex([ApplicationDbContext.TenantIdProperty, .. keys]);
        NpgsqlIndexBuilderExtensions.IncludeProperties(index, included);
        SqlServerIndexBuilderExtensions.IncludeProperties(index, included);
        return index;
    }
}
