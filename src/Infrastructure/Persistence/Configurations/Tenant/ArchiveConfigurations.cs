using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class StudentArchiveConfiguration : IEntityTypeConfiguration<StudentArchive>
{
    public void Configure(EntityTypeBuilder<StudentArchive> builder)
    {
        builder.ToTable("StudentArchives");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => a.StudentId).IsUnique();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Student>().WithMany().HasForeignKey(a => a.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<ArchiveEntry>("_entries").WithOne().HasForeignKey(e => e.ArchiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Goals).WithOne().HasForeignKey(g => g.ArchiveId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Goals).HasField("_goals").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.Consents).WithOne().HasForeignKey(c => c.ArchiveId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Consents).HasField("_consents").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.ConsentInForce);
    }
}

internal sealed class ArchiveEntryConfiguration : IEntityTypeConfiguration<ArchiveEntry>
{
    public void Configure(EntityTypeBuilder<ArchiveEntry> builder)
    {
        builder.ToTable("ArchiveEntries");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Section).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.AuthorName).HasMaxLength(64);
        // One version number per archive; the current version of a section is its highest.
        builder.HasIndex(e => new { e.ArchiveId, e.Version }).IsUnique();
        builder.HasIndex(e => new { e.ArchiveId, e.Section, e.Version });
    }
}

internal sealed class ArchiveGoalConfiguration : IEntityTypeConfiguration<ArchiveGoal>
{
    public void Configure(EntityTypeBuilder<ArchiveGoal> builder)
    {
        builder.ToTable("ArchiveGoals");
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Title).HasMaxLength(200);
        builder.Property(g => g.SetByName).HasMaxLength(64);
        builder.OwnsMany(g => g.ProgressNotes, n => n.ToJson());
        builder.Navigation(g => g.ProgressNotes).HasField("_notes").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(g => g.ArchiveId);
    }
}

internal sealed class GuardianConsentConfiguration : IEntityTypeConfiguration<GuardianConsent>
{
    public void Configure(EntityTypeBuilder<GuardianConsent> builder)
    {
        builder.ToTable("GuardianConsents");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.GuardianName).HasMaxLength(50);
        builder.Property(c => c.Relation).HasMaxLength(20);
        builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(10);
        builder.Ignore(c => c.IsInForce);
        builder.HasIndex(c => c.ArchiveId);
    }
}
