using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Ordering.Ports;
using Shop.Application.Validation;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.AddOrderItem;

public sealed record AddOrderItemCommand(Guid UserId, Guid OrderId, Guid? ProductId, int? Quantity) : ICommand<OrderResponse>;

internal sealed class AddOrderItemValidator : AbstractValidator<AddOrderItemCommand>
{
    public AddOrderItemValidator()
    {
        RuleFor(command => command.ProductId).NotNull().NotEqual(Guid.Empty);
        RuleFor(command => command.Quantity).ValidQuantity();
    }
}

internal sealed class AddOrderItemHandler : ICommandHandler<AddOrderItemCommand, OrderResponse>
{
    private readonly IOrderRepository _orders;
    private readonly IProductRepository _products;
    private readonly PendingOrderExpiry _expiry;
    private readonly TimeProvider _clock;

    public AddOrderItemHandler(IOrderRepository orders, IProductRepository products, PendingOrderExpiry expiry, TimeProvider clock)
    {
        _orders = orders;
        _products = products;
        _expiry = expiry;
        _clock = clock;
    }

    public async ValueTask<OrderResponse> Handle(AddOrderItemCommand command, CancellationToken cancellationToken)
    {
        var order = await _orders.GetOwnedForUpdateAsync(command.OrderId, command.UserId, cancellationToken)
            ?? throw new NotFoundException("Order", command.OrderId);
        order.EnsureNotExpired(_expiry, _clock);
        var productId = Validated.Present(command.ProductId);
        var product = (await _products.GetManyAsync([productId], cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException("Product", productId);

        var line = order.AddItem(product.Id, product.Price, Validated.Present(command.Quantity));
        product.EnsureAvailable(line.Quantity);
        return order.ToResponse();
    }
}
