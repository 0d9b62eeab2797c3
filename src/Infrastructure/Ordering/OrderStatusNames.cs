using Shop.Domain.Ordering;

namespace Shop.Infrastructure.Ordering;

/// <summary>The lower-case names the orders.status column holds.</summary>
internal static class OrderStatusNames
{
    public static string ToName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Paid => "paid",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown order status."),
    };

    public static OrderStatus FromName(string name) => name switch
    {
        "pending" => OrderStatus.Pending,
        "paid" => OrderStatus.Paid,
        "cancelled" => OrderStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown order status."),
    };
}
