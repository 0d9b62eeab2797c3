namespace Shop.Application.Ordering;

public sealed record OrderResponse(
    Guid Id, Guid UserId, string Status, decimal Total, DateTime CreatedAt, IReadOnlyList<LineItemResponse> Items);

public sealed record LineItemResponse(Guid Id, Guid ProductId, int Quantity, decimal UnitPrice, decimal Subtotal);
