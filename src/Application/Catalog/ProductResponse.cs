namespace Shop.Application.Catalog;

public sealed record ProductResponse(Guid Id, string Name, string? Description, decimal Price, int Stock, bool IsAvailable);
