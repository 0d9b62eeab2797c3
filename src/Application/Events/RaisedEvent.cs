using Shop.Domain.Events;

namespace Shop.Application.Events;

/// <summary>A domain event as the unit of work collected it, with the aggregate that raised it (null when an adapter changed the row itself).</summary>
public sealed record RaisedEvent(IDomainEvent Event, AggregateRoot? Aggregate);
