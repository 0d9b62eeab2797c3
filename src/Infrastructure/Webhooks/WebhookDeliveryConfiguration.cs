using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Webhooks;
using Shop.Infrastructure.Outbox;

namespace Shop.Infrastructure.Webhooks;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries", table => table.HasComment(
            "One outbox message to one subscription: its state, attempts and the relay's lease on it."));
        builder.HasKey(delivery => delivery.Id).HasName("PK_webhook_deliveries");
        builder.Property(delivery => delivery.Id).UseIdentityAlwaysColumn()
            .HasComment("Unique identifier of the delivery.");
        builder.Property(delivery => delivery.MessageId)
            .HasComment("The outbox message delivered.");
        builder.Property(delivery => delivery.SubscriptionId)
            .HasComment("The subscription it is delivered to.");
        builder.Property(delivery => delivery.ResourceId)
            .HasComment("The message's resource: one resource's deliveries to one subscription go out in position order.");
        builder.Property(delivery => delivery.Position)
            .HasComment("The message's position: a delivery waits while an earlier one of its resource is pending.");
        builder.Property(delivery => delivery.State).HasMaxLength(16)
            .HasDefaultValueSql("'pending'").ValueGeneratedNever()
            .HasComment("pending (to be sent or retried), delivered (a 2xx answered) or failed (retries exhausted).");
        builder.Property(delivery => delivery.Attempts).HasDefaultValue(0).ValueGeneratedNever()
            .HasComment("How many times it was sent.");
        builder.Property(delivery => delivery.LastStatusCode)
            .HasComment("The HTTP status of the last attempt; null before the first or when no response came.");
        builder.Property(delivery => delivery.LastAttemptAt).HasColumnType("timestamp with time zone")
            .HasComment("When it was last sent (UTC).");
        builder.Property(delivery => delivery.NextAttemptAt).HasColumnType("timestamp with time zone")
            .HasComment("When it is due (UTC); null once delivered or failed.");
        builder.Property(delivery => delivery.LeasedUntil).HasColumnType("timestamp with time zone")
            .HasComment("While a relay sends it, until when no other relay may take it; a crashed relay's lease runs out.");
        builder.Property(delivery => delivery.LeaseToken)
            .HasComment("The claim of the relay holding the lease: only that claim records the outcome.");

        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(delivery => delivery.MessageId)
            .HasConstraintName("FK_webhook_deliveries_outbox_messages_message_id").OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(delivery => delivery.SubscriptionId)
            .HasConstraintName("FK_webhook_deliveries_webhook_subscriptions_subscription_id").OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(delivery => delivery.NextAttemptAt).HasDatabaseName("idx_webhook_deliveries_due")
            .HasFilter("state = 'pending'");
        // The claim walks pending deliveries in position order and stops at its limit; without it, it sorts every pending one.
        builder.HasIndex(delivery => delivery.Position).HasDatabaseName("idx_webhook_deliveries_pending")
            .HasFilter("state = 'pending'");
        builder.HasIndex(delivery => new { delivery.SubscriptionId, delivery.ResourceId, delivery.Position })
            .HasDatabaseName("idx_webhook_deliveries_resource_order").HasFilter("state = 'pending'");
        builder.HasIndex(delivery => new { delivery.SubscriptionId, delivery.Position }).HasDatabaseName("idx_webhook_deliveries_subscription");
        builder.HasIndex(delivery => delivery.MessageId).HasDatabaseName("idx_webhook_deliveries_message");
    }
}
