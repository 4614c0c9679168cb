using MentorCloud.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class IdempotencyRequestConfiguration : IEntityTypeConfiguration<IdempotencyRequest>
{
    public void Configure(EntityTypeBuilder<IdempotencyRequest> builder)
    {
        builder.ToTable("IdempotencyRequests");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Key).HasMaxLength(100);
        builder.Property(r => r.RequestName).HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        // One row per caller and key: the second insert of a parallel retry fails here.
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        // The retention purge reads by age.
        builder.HasIndex(r => r.CreatedAt);
    }
}
