using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Infrastructure.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages", table => table.HasComment(
            "The transactional outbox: an integration event, written in the transaction of the change it describes."));
        builder.HasKey(message => message.Id).HasName("PK_outbox_messages");
        builder.Property(message => message.Id).ValueGeneratedNever()
            .HasComment("The event's id, sent as webhook-id on every delivery and retry.");
        builder.Property(message => message.Position).UseIdentityAlwaysColumn()
            .HasComment("Order of writing; the events of one resource are written, and delivered, in commit order.");
        builder.Property(message => message.Type).HasMaxLength(64)
            .HasComment("The event type, e.g. order.paid.");
        builder.Property(message => message.ResourceId)
            .HasComment("The order or product the event is about.");
        builder.Property(message => message.Data).HasColumnType("jsonb")
            .HasComment("The resource as the API's GET showed it right after the change.");
        builder.Property(message => message.OccurredAt).HasColumnType("timestamp with time zone")
            .HasComment("When the change was saved (UTC); the delivery's timestamp.");
        builder.Property(message => message.Traceparent).HasMaxLength(55)
            .HasComment("W3C traceparent of the request that made the change, so deliveries join its trace.");

        builder.HasIndex(message => message.OccurredAt).HasDatabaseName("idx_outbox_messages_occurred_at");
    }
}
