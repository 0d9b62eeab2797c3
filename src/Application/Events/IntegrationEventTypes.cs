namespace Shop.Application.Events;

/// <summary>The names of the events API consumers can subscribe to, as webhook deliveries carry them in <c>type</c>.</summary>
public static class IntegrationEventTypes
{
    public const string OrderPlaced = "order.placed";
    public const string OrderItemAdded = "order.item_added";
    public const string OrderPaid = "order.paid";
    public const string OrderCancelled = "order.cancelled";
    public const string ProductCreated = "product.created";
    public const string ProductUpdated = "product.updated";
    public const string ProductStockChanged = "product.stock_changed";
    public const string ProductDeleted = "product.deleted";

    /// <summary>Subscribes to every type, including those added later.</summary>
    public const string All = "*";

    public static IReadOnlyList<string> Names { get; } =
    [
        OrderPlaced, OrderItemAdded, OrderPaid, OrderCancelled,
        ProductCreated, ProductUpdated, ProductStockChanged, ProductDeleted,
    ];
}
