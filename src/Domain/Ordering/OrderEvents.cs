using Shop.Domain.Events;

namespace Shop.Domain.Ordering;

/// <summary>An order was placed, with its first lines.</summary>
public sealed record OrderPlaced(Guid OrderId) : IDomainEvent
{
    public Guid AggregateId => OrderId;
}

/// <summary>Units of a product were added to a pending order (a new line, or more units on a line).</summary>
public sealed record OrderItemAdded(Guid OrderId, Guid ProductId, int Quantity) : IDomainEvent
{
    public Guid AggregateId => OrderId;
}

/// <summary>A pending order was paid for its total.</summary>
public sealed record OrderPaid(Guid OrderId) : IDomainEvent
{
    public Guid AggregateId => OrderId;
}

/// <summary>A pending order was cancelled, by its owner or because it expired unpaid.</summary>
public sealed record OrderCancelled(Guid OrderId, bool Expired) : IDomainEvent
{
    public Guid AggregateId => OrderId;
}
