using Shop.Application.Common;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.Ports;

public interface IOrderRepository
{
    /// <summary>Loads the order with its lines and locks its row until the transaction ends.</summary>
    Task<Order?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the status of an order just paid and takes each line's quantity from its product's stock, never
    /// below zero, in one round trip inside the command's transaction. The products are changed in id order and
    /// stay locked until the transaction ends; nothing is loaded or tracked.
    /// </summary>
    /// <returns>
    /// The products whose stock was short, in id order; empty when every line was taken. When any is short the
    /// caller must fail the command, so that the transaction rolls back and the payment changes nothing.
    /// </returns>
    Task<IReadOnlyList<Guid>> SavePaymentAsync(Order order, CancellationToken cancellationToken);

    void Add(Order order);
}

/// <summary>Read side of Ordering: no tracking, projected straight to responses, always scoped to the owner.</summary>
public interface IOrderQueries
{
    Task<OrderResponse?> GetAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken);

    Task<PagedResponse<OrderResponse>> ListAsync(Guid ownerId, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken);
}
