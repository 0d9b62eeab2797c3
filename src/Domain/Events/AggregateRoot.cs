namespace Shop.Domain.Events;

/// <summary>An entity that records what happens to it as domain events, for the unit of work to collect.</summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    /// <summary>The events recorded since the last collection, in the order they happened; the list is emptied.</summary>
    public IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var events = _domainEvents.ToArray();
        _domainEvents.Clear();
        return events;
    }

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    protected bool HasRaised<TEvent>()
        where TEvent : IDomainEvent => _domainEvents.OfType<TEvent>().Any();
}
