using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class SemesterConfiguration : IEntityTypeConfiguration<Semester>
{
    public void Configure(EntityTypeBuilder<Semester> builder)
    {
        builder.ToTable("Semesters");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Label).HasMaxLength(50);
        builder.Ignore(s => s.Dates);
        builder.HasIndex(s => s.StartsOn);
    }
}

internal sealed class TeacherConfiguration : IEntityTypeConfiguration<Teacher>
{
    public void Configure(EntityTypeBuilder<Teacher> builder)
    {
        builder.ToTable("Teachers");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.EmployeeNo).HasMaxLength(32);
        builder.HasIndex(t => t.EmployeeNo).IsUnique();
    }
}

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> builder)
    {
        builder.ToTable("Classes");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.HasIndex(c => new { c.SchoolYear, c.Name }).IsUnique();
        builder.HasIndex(c => new { c.SchoolYear, c.HeadTeacherId }).IsUnique();
        builder.HasOne<Teacher>().WithMany().HasForeignKey(c => c.HeadTeacherId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> builder)
    {
        builder.ToTable("Students");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.StudentNo).HasMaxLength(32);
        builder.HasIndex(s => s.StudentNo).IsUnique();
        builder.HasIndex(s => s.ClassId);
        builder.HasSchoolIndex([nameof(Student.IsActive)], nameof(Student.Id), nameof(Student.AttentionFlags));
        builder.Property(s => s.Gender).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<SchoolClass>().WithMany().HasForeignKey(s => s.ClassId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(s => s.Guardians, g =>
        {
            g.ToJson();
            g.Property(x => x.Name).HasMaxLength(50);
        });
        builder.Navigation(s => s.Guardians).HasField("_guardians");
        builder.Ignore(s => s.IsPriorityCare);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.SubjectType).HasMaxLength(60);
        builder.Property(a => a.ActorName).HasMaxLength(64);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.StudentId);
    }
}
