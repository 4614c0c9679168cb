using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Schools;
using MentorCloud.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Catalog;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.ToTable("Districts");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Code).HasMaxLength(Code.MaxLength);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.OwnsOne(d => d.Limits, limits =>
        {
            limits.Property(l => l.MaxStudentsPerMentorCeiling).HasColumnName("MaxStudentsPerMentorCeiling");
            limits.Property(l => l.MaxMentorsPerStudentCeiling).HasColumnName("MaxMentorsPerStudentCeiling");
        });
        builder.Navigation(d => d.Limits).IsRequired();
    }
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> builder)
    {
        builder.ToTable("Schools");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Code).HasMaxLength(Code.MaxLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.ConnectionString).HasMaxLength(1000);
        builder.HasOne<District>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Username).HasMaxLength(64);
        builder.Property(u => u.NormalizedUsername).HasMaxLength(64);
        builder.HasIndex(u => u.NormalizedUsername).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.DistrictCode).HasMaxLength(Code.MaxLength);
        builder.Property(u => u.SchoolCode).HasMaxLength(Code.MaxLength);
        builder.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
    }
}

internal sealed class SignInFailuresConfiguration : IEntityTypeConfiguration<SignInFailures>
{
    public void Configure(EntityTypeBuilder<SignInFailures> builder)
    {
        builder.ToTable("SignInFailures");
        builder.HasKey(f => new { f.NormalizedUsername, f.ClientAddress });
        builder.Property(f => f.NormalizedUsername).HasMaxLength(64);
        builder.Property(f => f.ClientAddress).HasMaxLength(SignInFailures.MaxAddressLength);
    }
}

internal sealed class DistrictStatisticsSnapshotConfiguration : IEntityTypeConfiguration<DistrictStatisticsSnapshot>
{
    public void Configure(EntityTypeBuilder<DistrictStatisticsSnapshot> builder)
    {
        builder.ToTable("DistrictStatisticsSnapshots");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.SemesterLabel).HasMaxLength(100);
        // The latest snapshot per school and semester: a rerun updates the row.
        builder.HasIndex(s => new { s.SchoolId, s.SemesterLabel }).IsUnique();
        builder.HasIndex(s => new { s.DistrictId, s.SemesterLabel });
        builder.HasOne<District>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Cascade);
        // One column per figure, named as the figure: a new figure is one property and one column.
        builder.ComplexProperty(s => s.Figures, figures =>
        {
            foreach (var property in typeof(SchoolFigures).GetProperties())
                figures.Property(property.Name).HasColumnName(property.Name);
        });
    }
}
