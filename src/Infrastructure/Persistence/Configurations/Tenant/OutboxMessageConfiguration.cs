using MentorCloud.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasMaxLength(100);
        builder.Property(m => m.LockedBy).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // The delivery job looks only at pending messages, oldest first.
        builder.HasIndex(m => m.AvailableAt).HasFilter("\"ProcessedAt\" IS NULL AND \"DeadAt\" IS NULL").HasDatabaseName("IX_OutboxMessages_Pending");
    }
}
