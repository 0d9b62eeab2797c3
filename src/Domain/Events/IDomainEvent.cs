namespace Shop.Domain.Events;

/// <summary>
/// Something that happened to an aggregate, recorded by the aggregate itself when it changes. The unit of work collects
/// the events of a command; they are handled only after its transaction commits, never for a change that rolled back.
/// </summary>
public interface IDomainEvent
{
    /// <summary>The aggregate the event is about (an order's or a product's id): events of one aggregate keep their order.</summary>
    Guid AggregateId { get; }
}
