using Mediator;
using Shop.Application.Events.Ports;

namespace Shop.Application.Events;

/// <summary>After a commit that wrote integration events, the relays deliver them now instead of at their next poll.</summary>
internal sealed class WakeOutboxRelayHandler : INotificationHandler<DomainEventNotification>
{
    private readonly IOutbox _outbox;

    public WakeOutboxRelayHandler(IOutbox outbox) => _outbox = outbox;

    public ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken)
    {
        _outbox.Wake();
        return ValueTask.CompletedTask;
    }
}
