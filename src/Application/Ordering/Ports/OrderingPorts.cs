using Shop.Application.Pagination;
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
    /// Null when the payment is committed. Otherwise the first product (in id order) whose stock was short, with the
    /// stock it has now (read in the rollback's round trip, 0 when the product is gone): the transaction has been
    /// rolled back, nothing changed, and the caller must refuse the payment.
    /// </returns>
    Task<ShortOfStock?> CommitPaymentAsync(Order order, CancellationToken cancellationToken);

    void Add(Order order);
}

/// <summary>A product whose stock was too short for a payment's line, and the stock it has now.</summary>
public sealed record ShortOfStock(Guid ProductId, int Stock);

/// <summary>Read side of Ordering: no tracking, projected straight to responses, always scoped to the owner.</summary>
public interface IOrderQueries
{
    Task<OrderResponse?> GetAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken);

    Task<PagedResponse<OrderResponse>> ListAsync(Guid ownerId, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken);
}
