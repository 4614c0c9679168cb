using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> builder)
    {
        builder.ToTable("MonthlyReports");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Content).HasMaxLength(MonthlyReport.MaxContentLength);
        builder.Property(r => r.SubmittedByRole).HasConversion<string>().HasMaxLength(20);
        // One report per student and month (R9); widened with the tenant by convention.
        builder.HasIndex(r => new { r.StudentId, r.Month }).IsUnique();
        builder.HasIndex(r => r.SemesterId);
        builder.HasSchoolIndex([nameof(MonthlyReport.SemesterId), nameof(MonthlyReport.StudentId)], nameof(MonthlyReport.Month));
        builder.HasOne<Student>().WithMany().HasForeignKey(r => r.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Semester>().WithMany().HasForeignKey(r => r.SemesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Comments).WithOne().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Comments).HasField("_comments").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MonthlyReportCommentConfiguration : IEntityTypeConfiguration<MonthlyReportComment>
{
    public void Configure(EntityTypeBuilder<MonthlyReportComment> builder)
    {
        builder.ToTable("MonthlyReportComments");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Text).HasMaxLength(MonthlyReport.MaxCommentLength);
        builder.HasIndex(c => c.ReportId);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(c => c.AuthorTeacherId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MentorEvaluationConfiguration : IEntityTypeConfiguration<MentorEvaluation>
{
    public void Configure(EntityTypeBuilder<MentorEvaluation> builder)
    {
        builder.ToTable("MentorEvaluations");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.ComplexProperty(e => e.Scores, scores =>
        {
            scores.Property(s => s.Care).HasColumnName("Care");
            scores.Property(s => s.Guidance).HasColumnName("Guidance");
            scores.Property(s => s.Communication).HasColumnName("Communication");
        });
        builder.Property(e => e.Comment).HasMaxLength(MentorEvaluation.MaxCommentLength);
        // Once per semester per student–mentor pair (R11); widened with the tenant by convention.
        builder.HasIndex(e => new { e.SemesterId, e.StudentId, e.MentorId }).IsUnique();
        builder.HasIndex(e => new { e.MentorId, e.SemesterId });
        builder.HasOne<Student>().WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(e => e.MentorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Semester>().WithMany().HasForeignKey(e => e.SemesterId).OnDelete(DeleteBehavior.Restrict);
    }
}
