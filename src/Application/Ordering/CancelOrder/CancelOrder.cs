using FluentValidation;
using Mediator;
using Shop.Application.Errors;
using Shop.Application.Ordering.Ports;

namespace Shop.Application.Ordering.CancelOrder;

public sealed record CancelOrderCommand(Guid UserId, Guid OrderId) : ICommand<OrderResponse>;

internal sealed class CancelOrderValidator : AbstractValidator<CancelOrderCommand>
{
    public CancelOrderValidator() => RuleFor(command => command.OrderId).NotEmpty();
}

internal sealed class CancelOrderHandler : ICommandHandler<CancelOrderCommand, OrderResponse>
{
    private readonly IOrderRepository _orders;

    public CancelOrderHandler(IOrderRepository orders) => _orders = orders;

    public async ValueTask<OrderResponse> Handle(CancelOrderCommand command, CancellationToken cancellationToken)
    {
        var order = await _orders.GetOwnedForUpdateAsync(command.OrderId, command.UserId, cancellationToken)
            ?? throw new NotFoundException("Order", command.OrderId);
        order.Cancel();
        return order.ToResponse();
    }
}
