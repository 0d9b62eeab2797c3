using Shop.Application.Events;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering;

/// <summary>Ordering's events as API consumers receive them: the order with its lines and total, as GET shows it.</summary>
internal sealed class OrderingIntegrationEvents : IIntegrationEventMapper
{
    public Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken)
    {
        var mapped = new List<IntegrationEvent>();
        foreach (var raised in events)
        {
            var type = raised.Event switch
            {
                OrderPlaced => IntegrationEventTypes.OrderPlaced,
                OrderItemAdded => IntegrationEventTypes.OrderItemAdded,
                OrderPaid => IntegrationEventTypes.OrderPaid,
                OrderCancelled => IntegrationEventTypes.OrderCancelled,
                _ => null,
            };
            if (type is not null && raised.Aggregate is Order order)
            {
                mapped.Add(new IntegrationEvent(type, order.Id, order.ToResponse()));
            }
        }

        return Task.FromResult<IReadOnlyList<IntegrationEvent>>(mapped);
    }
}
