using Shop.Domain.Events;

namespace Shop.Domain.ShopModule;

/// <summary>TODO: what happened, in the past tense, in the words of the API documentation.</summary>
/// <remarks>
/// A domain event is a plain sealed record of its module's domain: ids and values, never the aggregate itself (the
/// architecture tests check it). The aggregate (a class deriving from <see cref="AggregateRoot"/>) raises it in the
/// method that makes the change, after its checks:
/// <code>
/// public void Archive()
/// {
///     if (IsArchived) { throw new ProductAlreadyArchivedException(Id); }
///     IsArchived = true;
///     Raise(new DomainEventName(Id));
/// }
/// </code>
/// TransactionBehavior collects it when the command saves, writes the outbox before the COMMIT and publishes it as a
/// DomainEventNotification after it; it is never handled for a change that rolled back. To send it to webhook
/// subscribers, see docs/extending.md, "Adding a webhook event type".
/// </remarks>
public sealed record DomainEventName(Guid AggregateId) : IDomainEvent;
