namespace Shop.Infrastructure.Webhooks;

/// <summary>
/// One outbox message to one subscription: its state, attempts and lease. Written with the message (one per matching
/// subscription) and worked by the relay with SQL; the entity describes the table for the migrations.
/// </summary>
internal sealed class WebhookDelivery
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    private WebhookDelivery()
    {
    }

    public long Id { get; private set; }

    public Guid MessageId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public Guid ResourceId { get; private set; }

    public long Position { get; private set; }

    public string State { get; private set; } = Pending;

    public int Attempts { get; private set; }

    public int? LastStatusCode { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public DateTime? NextAttemptAt { get; private set; }

    public DateTime? LeasedUntil { get; private set; }

    public Guid? LeaseToken { get; private set; }
}
