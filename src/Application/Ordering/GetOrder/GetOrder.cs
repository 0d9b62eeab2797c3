using Mediator;
using Shop.Application.Errors;
using Shop.Application.Ordering.Ports;

namespace Shop.Application.Ordering.GetOrder;

public sealed record GetOrderQuery(Guid UserId, Guid OrderId) : IQuery<OrderResponse>;

internal sealed class GetOrderHandler : IQueryHandler<GetOrderQuery, OrderResponse>
{
    private readonly IOrderQueries _orders;

    public GetOrderHandler(IOrderQueries orders) => _orders = orders;

    public async ValueTask<OrderResponse> Handle(GetOrderQuery query, CancellationToken cancellationToken) =>
        await _orders.GetAsync(query.OrderId, query.UserId, cancellationToken)
            ?? throw new NotFoundException("Order", query.OrderId);
}
