namespace Shop.Domain.Ordering;

/// <summary>The lower-case names of the statuses, as clients and the orders.status column write them.</summary>
public static class OrderStatusNames
{
    public static string ToName(this OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Paid => "paid",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown order status."),
    };

    public static OrderStatus FromName(string name) =>
        TryParse(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown order status.");

    /// <summary>The status with this name, in any case; null for anything else.</summary>
    public static OrderStatus? TryParse(string? name) =>
        Enum.GetValues<OrderStatus>().Where(status => string.Equals(status.ToName(), name, StringComparison.OrdinalIgnoreCase))
            .Cast<OrderStatus?>().FirstOrDefault();
}
