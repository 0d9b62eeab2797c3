using Shop.Application.Common;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.Ports;

public interface IOrderRepository
{
    /// <summary>Loads the order with its lines and locks its row until the transaction ends.</summary>
    Task<Order?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the status of an order just paid, takes each line's quantity from its product's stock (never below
    /// zero, products in id order) and commits the command's transaction, all in one round trip: the product rows
    /// are locked only while the database runs it, never while the caller waits for a thread. Nothing is loaded or
    /// tracked; the command's transaction ends here, so nothing may change after it.
    /// </summary>
    /// <returns>
    /// Null when the payment is committed. Otherwise the first product (in id order) whose stock was short: the
    /// transaction has been rolled back, nothing changed, and the caller must refuse the payment.
    /// </returns>
    Task<Guid?> CommitPaymentAsync(Order order, CancellationToken cancellationToken);

    void Add(Order order);
}

/// <summary>Read side of Ordering: no tracking, projected straight to responses, always scoped to the owner.</summary>
public interface IOrderQueries
{
    Task<OrderResponse?> GetAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken);

    Task<PagedResponse<OrderResponse>> ListAsync(Guid ownerId, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken);
}
