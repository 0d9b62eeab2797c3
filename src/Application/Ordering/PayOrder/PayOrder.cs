using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Ordering.Ports;
using Shop.Application.Telemetry;
using Shop.Application.Validation;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.PayOrder;

public sealed record PayOrderCommand(Guid UserId, Guid OrderId, decimal? Amount) : ICommand<OrderResponse>;

internal sealed class PayOrderValidator : AbstractValidator<PayOrderCommand>
{
    public PayOrderValidator() => RuleFor(command => command.Amount).ValidAmount("amount");
}

/// <summary>
/// Pays an order and takes the stock of every line in the command's transaction. The order row is locked first (a
/// second payment of it waits, then finds it paid); the domain decides the payment; each line's stock is taken with a
/// guarded update in product id order, so concurrent payments neither oversell nor deadlock. A line short of stock
/// fails the command, and the transaction behaviour rolls everything back.
/// </summary>
internal sealed class PayOrderHandler : ICommandHandler<PayOrderCommand, OrderResponse>
{
    private readonly IOrderRepository _orders;
    private readonly IProductRepository _products;
    private readonly PendingOrderExpiry _expiry;
    private readonly TimeProvider _clock;

    public PayOrderHandler(IOrderRepository orders, IProductRepository products, PendingOrderExpiry expiry, TimeProvider clock)
    {
        _orders = orders;
        _products = products;
        _expiry = expiry;
        _clock = clock;
    }

    public async ValueTask<OrderResponse> Handle(PayOrderCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var response = await PayAsync(command, cancellationToken);
            ShopTelemetry.Payments.Add(1, new KeyValuePair<string, object?>(ShopTelemetry.PaymentOutcomeTag, "paid"));
            return response;
        }
        catch (Exception exception) when (exception is DomainException or UseCaseException { Category: not ErrorCategory.Unavailable })
        {
            // Refused by a rule (wrong amount, not payable, short of stock); outages and faults are not refusals.
            ShopTelemetry.Payments.Add(1, new KeyValuePair<string, object?>(ShopTelemetry.PaymentOutcomeTag, "refused"));
            throw;
        }
    }

    private async Task<OrderResponse> PayAsync(PayOrderCommand command, CancellationToken cancellationToken)
    {
        var order = await _orders.GetOwnedForUpdateAsync(command.OrderId, command.UserId, cancellationToken)
            ?? throw new NotFoundException("Order", command.OrderId);
        order.EnsureNotExpired(_expiry, _clock);
        order.ProcessPayment(Validated.Present(command.Amount));

        foreach (var (productId, quantity) in order.QuantitiesByProduct())
        {
            var take = await _products.TakeStockAsync(productId, quantity, cancellationToken);
            if (!take.Taken)
            {
                throw new InsufficientStockException(productId, take.Stock, quantity);
            }
        }

        return order.ToResponse();
    }
}
