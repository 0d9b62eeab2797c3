using Shop.Domain.Events;

namespace Shop.Domain.Catalog;

/// <summary>A product was added to the catalog.</summary>
public sealed record ProductCreated(Guid ProductId) : IDomainEvent
{
    public Guid AggregateId => ProductId;
}

/// <summary>A product's name, description or price changed.</summary>
public sealed record ProductUpdated(Guid ProductId) : IDomainEvent
{
    public Guid AggregateId => ProductId;
}

/// <summary>A product's stock changed by <paramref name="Delta"/>: adjusted by an admin, or taken by a payment.</summary>
public sealed record ProductStockChanged(Guid ProductId, int Delta) : IDomainEvent
{
    public Guid AggregateId => ProductId;
}

/// <summary>A product was removed from the catalog.</summary>
public sealed record ProductDeleted(Guid ProductId) : IDomainEvent
{
    public Guid AggregateId => ProductId;
}
