using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Webhooks;

namespace Shop.Infrastructure.Webhooks;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions", table => table.HasComment(
            "An API consumer's webhook: the events it wants, the URL they are POSTed to and the secret that signs them."));
        builder.HasKey(subscription => subscription.Id).HasName("PK_webhook_subscriptions");
        builder.Property(subscription => subscription.Id).ValueGeneratedNever()
            .HasComment("Unique identifier of the subscription.");
        builder.Property(subscription => subscription.Url).HasMaxLength(WebhookSubscription.MaxUrlLength)
            .HasComment("Absolute http(s) URL the deliveries are POSTed to.");
        builder.Property(subscription => subscription.Events)
            .HasComment("The event types delivered, or * for all.");
        builder.Property(subscription => subscription.Secret).HasMaxLength(64)
            .HasComment("Signing secret: whsec_ and the base64 of 32 random bytes; shown to the client once.");
        builder.Property(subscription => subscription.CreatedAt).HasColumnType("timestamp with time zone")
            .HasComment("When the subscription was created (UTC).");
    }
}
