using FluentValidation;
using Mediator;
using Shop.Application.Errors;
using Shop.Application.Ordering.Ports;
using Shop.Application.Telemetry;
using Shop.Application.Validation;
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

    public PayOrderHandler(IOrderRepository orders) => _orders = orders;

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

        if (await _orders.CommitPaymentAsync(order, cancellationToken) is { } shortOfStock)
        {
            // The guarded take found the stock short, so the line is refused whatever the stock has become since.
            var requested = order.QuantitiesByProduct().First(line => line.ProductId == shortOfStock.ProductId).Quantity;
            throw new InsufficientStockException(shortOfStock.ProductId, shortOfStock.Stock, requested);
        }

        return order.ToResponse();
    }
}
