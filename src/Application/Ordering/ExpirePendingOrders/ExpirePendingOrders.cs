using FluentValidation;
using Mediator;
using Shop.Application.Events;
using Shop.Application.Ordering.Ports;
using Shop.Application.Telemetry;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.ExpirePendingOrders;

/// <summary>
/// Cancels up to <paramref name="BatchSize"/> expired pending orders in one transaction and answers how many. The
/// background sweep sends it batch after batch until one comes back smaller than its size.
/// </summary>
public sealed record ExpirePendingOrdersCommand(int BatchSize) : ICommand<int>
{
    public const int DefaultBatchSize = 100;

    public const int MaxBatchSize = 1000;
}

internal sealed class ExpirePendingOrdersValidator : AbstractValidator<ExpirePendingOrdersCommand>
{
    public ExpirePendingOrdersValidator() =>
        RuleFor(command => command.BatchSize).InclusiveBetween(1, ExpirePendingOrdersCommand.MaxBatchSize);
}

/// <summary>
/// Safe on any number of instances at once: the batch claims its orders with <c>FOR UPDATE SKIP LOCKED</c>, so two
/// sweeps never take the same order and neither waits for the other or for a payment that holds an order's lock (that
/// order is left to the payment, which then pays it or finds it expired). The domain decides again under the lock;
/// each order it expires raises <see cref="OrderCancelled"/>, written to the outbox as <c>order.cancelled</c>.
/// </summary>
internal sealed class ExpirePendingOrdersHandler : ICommandHandler<ExpirePendingOrdersCommand, int>
{
    private readonly IOrderRepository _orders;
    private readonly PendingOrderExpiry _expiry;
    private readonly TimeProvider _clock;

    public ExpirePendingOrdersHandler(IOrderRepository orders, PendingOrderExpiry expiry, TimeProvider clock)
    {
        _orders = orders;
        _expiry = expiry;
        _clock = clock;
    }

    public async ValueTask<int> Handle(ExpirePendingOrdersCommand command, CancellationToken cancellationToken)
    {
        var claimed = await _orders.ClaimExpiredForUpdateAsync(_expiry.PlacedBy(_clock), command.BatchSize, cancellationToken);
        return claimed.Count(order => order.Expire(_expiry, _clock));
    }
}

/// <summary>Counts an expired order in <see cref="ShopTelemetry.ExpiredOrders"/> once its cancellation has committed.</summary>
internal sealed class CountExpiredOrderHandler : INotificationHandler<DomainEventNotification>
{
    public ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Event is OrderCancelled { Expired: true })
        {
            ShopTelemetry.ExpiredOrders.Add(1);
        }

        return ValueTask.CompletedTask;
    }
}
