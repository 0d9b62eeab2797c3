using Shop.Domain.Events;

namespace Shop.ArchitectureTests.Offenders.Domain.Events;

/// <summary>Offends "domain events belong to a module": it sits in the shared Events folder, not next to its aggregate.</summary>
public sealed record WidgetHappened(Guid AggregateId) : IDomainEvent;
