namespace Shop.Infrastructure.Outbox;

/// <summary>
/// An integration event written in the transaction of the change it describes. Written and read with SQL
/// (<see cref="PostgresOutbox"/>, the relay); the entity describes the table for the migrations.
/// </summary>
internal sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    public long Position { get; private set; }

    public string Type { get; private set; } = "";

    public Guid ResourceId { get; private set; }

    public string Data { get; private set; } = "";

    public DateTime OccurredAt { get; private set; }

    public string? Traceparent { get; private set; }
}
