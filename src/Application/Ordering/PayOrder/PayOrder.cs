using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common;
using Shop.Application.Common.Errors;
using Shop.Application.Common.Telemetry;
using Shop.Application.Ordering.Ports;
using Shop.Domain.Catalog;
using Shop.Domain.Common;

namespace Shop.Application.Ordering.PayOrder;

public sealed record PayOrderCommand(Guid UserId, Guid OrderId, decimal? Amount) : ICommand<OrderResponse>;

internal sealed class PayOrderValidator : AbstractValidator<PayOrderCommand>
{
    public PayOrderValidator() => RuleFor(command => command.Amount).ValidAmount("amount");
}

/// <summary>
/// Pays an order and takes the stock of every line in the same transaction. The order row is locked first
/// (a second payment of it waits and then finds it paid); the domain decides the payment; then one round trip
/// writes the status, takes every line's stock with guarded updates in product id order and commits, so concurrent
/// payments neither oversell nor deadlock and hold their product rows only while the database runs that round trip.
/// A line short of stock rolls everything back and fails the command.
/// </summary>
internal sealed class PayOrderHandler : ICommandHandler<PayOrderCommand, OrderResponse>
{
    private readonly IOrderRepository _orders;
    private readonly IProductRepository _products;

    public PayOrderHandler(IOrderRepository orders, IProductRepository products)
    {
        _orders = orders;
        _products = products;
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
        var order = await _orders.GetOwnedForUpdateAsync(command.OrderId, command.UserId, cancellationToken);
        order.ProcessPayment(Validated.Present(command.Amount));

        var quantities = order.QuantitiesByProduct();
        if (await _orders.CommitPaymentAsync(order, cancellationToken) is { } shortOfStock)
        {
            await RefuseAsync(shortOfStock, quantities.First(line => line.ProductId == shortOfStock).Quantity, cancellationToken);
        }

        return order.ToResponse();
    }

    /// <summary>
    /// Lets the product's own rule refuse the line, with the stock it has now (read after the rollback, not locked).
    /// </summary>
    private async Task RefuseAsync(Guid productId, int requested, CancellationToken cancellationToken)
    {
        var product = (await _products.GetManyAsync([productId], cancellationToken)).SingleOrDefault();
        product?.EnsureAvailable(requested);

        // The stock was raised after the guarded update found it short: still refused, as nothing was taken.
        throw new InsufficientStockException(productId, product?.Stock ?? 0, requested);
    }
}
