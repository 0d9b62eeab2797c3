using Shop.Application.Common;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.Ports;

public interface IOrderRepository
{
    /// <summary>Loads the order with its lines and locks its row until the transaction ends.</summary>
    Task<Order?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    void Add(Order order);
}

/// <summary>Read side of Ordering: no tracking, projected straight to responses, always scoped to the owner.</summary>
public interface IOrderQueries
{
    Task<OrderResponse?> GetAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken);

    Task<PagedResponse<OrderResponse>> ListAsync(Guid ownerId, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken);
}
