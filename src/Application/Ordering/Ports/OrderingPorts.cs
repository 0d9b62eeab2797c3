using Shop.Application.Pagination;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.Ports;

public interface IOrderRepository
{
    /// <summary>
    /// Loads the caller's order with its lines and locks its row until the transaction ends. Null when there is no
    /// such order or it belongs to another user (nothing is locked then).
    /// </summary>
    Task<Order?> GetOwnedForUpdateAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Locks up to <paramref name="limit"/> pending orders placed at or before <paramref name="placedBy"/>, oldest
    /// first, skipping those another transaction holds, and loads them with their lines. The locks last until the
    /// transaction ends.
    /// </summary>
    Task<IReadOnlyList<Order>> ClaimExpiredForUpdateAsync(DateTime placedBy, int limit, CancellationToken cancellationToken);

    void Add(Order order);
}

/// <summary>Read side of Ordering: no tracking, projected straight to responses, always scoped to the owner.</summary>
public interface IOrderQueries
{
    Task<OrderResponse?> GetAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken);

    Task<PagedResponse<OrderResponse>> ListAsync(Guid ownerId, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken);
}
