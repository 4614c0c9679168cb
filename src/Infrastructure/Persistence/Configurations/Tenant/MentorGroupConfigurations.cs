using MentorCloud.Domain.Classes;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Semesters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class MentorGroupConfiguration : IEntityTypeConfiguration<MentorGroup>
{
    public void Configure(EntityTypeBuilder<MentorGroup> builder)
    {
        builder.ToTable("MentorGroups");
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.HasIndex(g => new { g.SemesterId, g.ClassId }).IsUnique();
        builder.Property(g => g.Phase).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(g => g.MentorIds).HasField("_mentorIds").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(g => g.Preferences, p => p.ToJson());
        builder.Navigation(g => g.Preferences).HasField("_preferences").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(g => g.Welcomes, w => w.ToJson());
        builder.Navigation(g => g.Welcomes).HasField("_welcomes").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(g => g.AllAssignments).WithOne().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.AllAssignments).HasField("_assignments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(g => g.Assignments);
        builder.Ignore(g => g.EndedAssignments);
        builder.HasOne<SchoolClass>().WithMany().HasForeignKey(g => g.ClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Semester>().WithMany().HasForeignKey(g => g.SemesterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MentorAssignmentConfiguration : IEntityTypeConfiguration<MentorAssignment>
{
    public void Configure(EntityTypeBuilder<MentorAssignment> builder)
    {
        builder.ToTable("MentorAssignments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.Ignore(a => a.IsCurrent);
        // One current pair per student and mentor; ended pairs are history and may repeat.
        builder.HasIndex(a => new { a.GroupId, a.StudentId, a.MentorId }).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        builder.HasIndex(a => new { a.SemesterId, a.MentorId });
        builder.HasSchoolIndex([nameof(MentorAssignment.SemesterId)],
            nameof(MentorAssignment.GroupId), nameof(MentorAssignment.StudentId), nameof(MentorAssignment.MentorId)).HasFilter("\"EndedAt\" IS NULL");
        builder.HasIndex(a => a.StudentId);
    }
}

internal sealed class MentorLoadConfiguration : IEntityTypeConfiguration<MentorLoad>
{
    public void Configure(EntityTypeBuilder<MentorLoad> builder)
    {
        builder.ToTable("MentorLoads");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasIndex(l => new { l.SemesterId, l.TeacherId }).IsUnique();
        builder.Property(l => l.Version).IsConcurrencyToken();
    }
}
