using Shop.Domain.Catalog;
using Shop.Domain.Events;

namespace Shop.ArchitectureTests.Offenders.Domain.Catalog;

/// <summary>A well-formed domain event (a sealed, immutable record of its module, holding ids): breaks no rule by itself.</summary>
public sealed record WidgetCreated(Guid AggregateId, string Name) : IDomainEvent;

/// <summary>Offends "domain events are sealed".</summary>
public record WidgetRepriced(Guid AggregateId, decimal Price) : IDomainEvent;

/// <summary>Offends "domain events are immutable": a public setter.</summary>
public sealed class WidgetRenamed : IDomainEvent
{
    public Guid AggregateId { get; init; }

    public string Name { get; set; } = string.Empty;
}

/// <summary>Offends "domain events hold no aggregate": it carries the product itself, not its id.</summary>
public sealed record WidgetBundled(Guid AggregateId, Product Product) : IDomainEvent;
