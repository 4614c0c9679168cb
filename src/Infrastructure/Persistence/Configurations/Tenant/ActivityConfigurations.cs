using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class GuidanceActivityConfiguration : IEntityTypeConfiguration<GuidanceActivity>
{
    /// <summary>Deleted activities are hidden everywhere (lists, progress, statistics); only the audit log remembers them.</summary>
    public const string LiveFilter = Application.Common.Interfaces.QueryFilters.LiveActivities;

    public void Configure(EntityTypeBuilder<GuidanceActivity> builder)
    {
        builder.ToTable("GuidanceActivities");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Summary).HasMaxLength(GuidanceActivity.SummaryMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(a => a.CoVisitorIds).HasField("_coVisitorIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.PrimitiveCollection(a => a.Domains).HasField("_domains").UsePropertyAccessMode(PropertyAccessMode.Field)
            .ElementType().HasConversion<string>();
        builder.HasMany(a => a.Students).WithOne(s => s.Activity).HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Students).HasField("_students").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.FollowUps).WithOne(f => f.Activity).HasForeignKey(f => f.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.FollowUps).HasField("_followUps").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.IsDeleted);
        builder.Ignore(a => a.StudentIds);
        builder.HasOne<Semester>().WithMany().HasForeignKey(a => a.SemesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(a => a.RecordedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SemesterId, a.Kind });
        builder.HasSchoolIndex([nameof(GuidanceActivity.SemesterId), nameof(GuidanceActivity.Kind)],
            nameof(GuidanceActivity.Id), nameof(GuidanceActivity.DeletedAt), nameof(GuidanceActivity.Mode));
        builder.HasIndex(a => new { a.RecordedById, a.SemesterId });
        builder.HasQueryFilter(LiveFilter, a => a.DeletedAt == null);
    }
}

internal sealed class ActivityStudentConfiguration : IEntityTypeConfiguration<ActivityStudent>
{
    public void Configure(EntityTypeBuilder<ActivityStudent> builder)
    {
        builder.ToTable("ActivityStudents");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.ActivityId, s.StudentId }).IsUnique();
        builder.HasIndex(s => s.StudentId);
        builder.HasOne<Student>().WithMany().HasForeignKey(s => s.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasQueryFilter(GuidanceActivityConfiguration.LiveFilter, s => s.Activity.DeletedAt == null);
    }
}

internal sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> builder)
    {
        builder.ToTable("ActivityFollowUps");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Action).HasMaxLength(GuidanceActivity.ActionMaxLength);
        builder.HasIndex(f => f.ActivityId);
        builder.HasQueryFilter(GuidanceActivityConfiguration.LiveFilter, f => f.Activity.DeletedAt == null);
    }
}
