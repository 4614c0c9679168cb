using System.Text.Json;
using System.Text.Json.Serialization;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
        builder.Property(s => s.Guardians).HasConversion(new GuardiansJson(), GuardiansJson.Comparer);
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

/// <summary>
/// A student's guardians as one JSON column, read as one value: the same array of objects with the same names as
/// before (<c>[{"Name":…,"Relation":…,"Phone":…}]</c>), so stored rows read unchanged. Mapped as a value rather than
/// as owned entities, a row's guardians cost one deserialization instead of a tracked entity each.
/// </summary>
internal sealed class GuardiansJson() : ValueConverter<IReadOnlyList<Guardian>, string>(
    guardians => JsonSerializer.Serialize(guardians, GuardiansJsonContext.Default.IReadOnlyListGuardian),
    json => JsonSerializer.Deserialize(json, GuardiansJsonContext.Default.GuardianArray) ?? Array.Empty<Guardian>()), IJsonColumn
{
    public static readonly ValueComparer<IReadOnlyList<Guardian>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        guardians => guardians.Aggregate(0, (hash, g) => HashCode.Combine(hash, g)),
        guardians => guardians.ToArray());
}

[JsonSerializable(typeof(IReadOnlyList<Guardian>))]
[JsonSerializable(typeof(Guardian[]))]
internal sealed partial class GuardiansJsonContext : JsonSerializerContext;
