using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common;
using Shop.Application.Common.Ports;
using Shop.Application.Ordering.Ports;

namespace Shop.Application.Ordering.PayOrder;

public sealed record PayOrderCommand(Guid UserId, Guid OrderId, decimal? Amount) : ICommand<OrderResponse>;

internal sealed class PayOrderValidator : AbstractValidator<PayOrderCommand>
{
    public PayOrderValidator() => RuleFor(command => command.Amount).ValidAmount("amount");
}

/// <summary>
/// Pays an order and takes the stock of every line in the same transaction. The order row is
/// locked first, then the product rows in id order, so concurrent payments queue instead of
/// overselling or deadlocking; any refusal rolls the whole transaction back.
/// </summary>
internal sealed class PayOrderHandler : ICommandHandler<PayOrderCommand, OrderResponse>
{
    private readonly IOrderRepository _orders;
    private readonly IProductRepository _products;
    private readonly CacheInvalidation _invalidation;

    public PayOrderHandler(IOrderRepository orders, IProductRepository products, CacheInvalidation invalidation)
    {
        _orders = orders;
        _products = products;
        _invalidation = invalidation;
    }

    public async ValueTask<OrderResponse> Handle(PayOrderCommand command, CancellationToken cancellationToken)
    {
        var order = await _orders.GetOwnedForUpdateAsync(command.OrderId, command.UserId, cancellationToken);
        order.ProcessPayment(Validated.Present(command.Amount));

        var quantities = order.QuantitiesByProduct();
        var products = (await _products.GetForUpdateAsync([.. quantities.Select(q => q.ProductId)], cancellationToken)
).ToDictionary(product => product.Id);
        foreach (var (productId, quantity) in quantities)
        {
            products[productId].UpdateStock(-quantity);
            _invalidation.Invalidate(CacheKeys.Product(productId));
        }

        return order.ToResponse();
    }
}
