using Shop.Application.Errors;
using Shop.Application.Ordering.Ports;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering;

internal static class OrderAccess
{
    /// <summary>Locks the caller's order; another user's order is reported as not found.</summary>
    public static async Task<Order> GetOwnedForUpdateAsync(
        this IOrderRepository orders, Guid orderId, Guid userId, CancellationToken cancellationToken)
    {
        var order = await orders.GetForUpdateAsync(orderId, cancellationToken);
        return order is not null && order.UserId == userId ? order : throw new NotFoundException("Order", orderId);
    }
}
