using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Ordering.Ports;
using Shop.Application.Validation;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.PlaceOrder;

public sealed record PlaceOrderCommand(Guid UserId, IReadOnlyList<PlaceOrderItem>? Items) : ICommand<OrderResponse>;

public sealed record PlaceOrderItem(Guid? ProductId, int? Quantity);

internal sealed class PlaceOrderValidator : AbstractValidator<PlaceOrderCommand>
{
    public PlaceOrderValidator()
    {
        RuleFor(command => command.Items).NotNull()
            .Must(HasAllowedCount)
            .WithMessage($"'items' must hold between 1 and {OrderingRules.MaxItemsPerRequest} items.");
        // Count before elements: a list of the wrong size is refused without looking at each of its items.
        RuleForEach(command => command.Items).NotNull().ChildRules(item =>
        {
            item.RuleFor(line => line.ProductId).NotNull().NotEqual(Guid.Empty);
            item.RuleFor(line => line.Quantity).ValidQuantity();
        }).When(command => HasAllowedCount(command.Items));
    }

    private static bool HasAllowedCount(IReadOnlyList<PlaceOrderItem>? items) =>
        items is { Count: >= 1 and <= OrderingRules.MaxItemsPerRequest };
}

internal sealed class PlaceOrderHandler : ICommandHandler<PlaceOrderCommand, OrderResponse>
{
    private readonly IOrderRepository _orders;
    private readonly IProductRepository _products;
    private readonly TimeProvider _clock;

    public PlaceOrderHandler(IOrderRepository orders, IProductRepository products, TimeProvider clock)
    {
        _orders = orders;
        _products = products;
        _clock = clock;
    }

    public async ValueTask<OrderResponse> Handle(PlaceOrderCommand command, CancellationToken cancellationToken)
    {
        var items = Validated.Present(command.Items)
            .Select(item => (ProductId: Validated.Present(item.ProductId), Quantity: Validated.Present(item.Quantity))).ToList();
        var ids = items.Select(item => item.ProductId).Distinct().ToList();
        var products = (await _products.GetManyAsync(ids, cancellationToken))
            .ToDictionary(product => product.Id);

        var order = Order.Place(command.UserId, _clock);
        foreach (var item in items)
        {
            var product = products.GetValueOrDefault(item.ProductId)
                ?? throw new NotFoundException("Product", item.ProductId);
            order.AddItem(product.Id, product.Price, item.Quantity);
        }

        foreach (var line in order.Items)
        {
            products[line.ProductId].EnsureAvailable(line.Quantity);
        }

        _orders.Add(order);
        return order.ToResponse();
    }
}
