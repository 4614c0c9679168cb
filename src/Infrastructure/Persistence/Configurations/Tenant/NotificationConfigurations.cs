using MentorCloud.Domain.Notifications;
using MentorCloud.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MentorCloud.Infrastructure.Persistence.Configurations.Tenant;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(Notification.MaxKindLength);
        builder.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength);
        builder.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
        builder.Property(n => n.UniqueKey).HasMaxLength(Notification.MaxUniqueKeyLength);
        // Widened with the tenant by convention: the same fact is stored once per school, whichever job server gets there first.
        builder.HasIndex(n => n.UniqueKey).IsUnique();
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAt });
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Url).HasMaxLength(WebhookSubscription.MaxUrlLength);
        builder.Property(w => w.Events).HasMaxLength(500);
        builder.Property(w => w.ProtectedSecret).HasMaxLength(2000);
        builder.Ignore(w => w.EventList);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        // One delivery per event and webhook: a rerun of the dispatcher finds it instead of posting a delivered event again.
        builder.HasIndex(d => new { d.OutboxMessageId, d.SubscriptionId }).IsUnique();
        builder.HasIndex(d => d.SubscriptionId);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("WebhookDeliveryAttempts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.MaxErrorLength);
        builder.HasIndex(a => a.DeliveryId);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
