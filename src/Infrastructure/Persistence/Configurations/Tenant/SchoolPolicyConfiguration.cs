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
        builder.Ignore(p => p.Settings);
        // Widened with the tenant by convention: two concurrent changes cannot both become version n + 1.
        builder.HasIndex(p => p.Version).IsUnique();
    }
}
