using Mediator;
using Shop.Domain.Events;

namespace Shop.Application.Events;

/// <summary>
/// A domain event of a command that committed, published through the mediator by the transaction behaviour after the
/// commit (never for a change that rolled back). Handlers may not change data: the command is over.
/// </summary>
public sealed record DomainEventNotification(IDomainEvent Event) : INotification;
