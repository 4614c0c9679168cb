using MentorCloud.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class SchoolPolicyConfiguration : IEntityTypeConfiguration<SchoolPolicy>
{
    public void Configure(EntityTypeBuilder<SchoolPolicy> builder)
    {
        builder.ToTable("SchoolPolicies");
        builder.Property(p => p.Id).ValueGeneratedNever();
        // The settings keep the columns they had as plain properties: each column is named after its field.
        builder.ComplexProperty(p => p.Settings, settings =>
        {
            foreach (var field in settings.Metadata.ComplexType.GetProperties()) field.SetColumnName(field.Name);
        });
        // Widened with the tenant by convention: two concurrent changes cannot both become version n + 1.
        builder.HasIndex(p => p.Version).IsUnique();
    }
}
