using Shop.Domain.Common;

namespace Shop.Domain.Catalog;

public sealed class InsufficientStockException : DomainConflictException
{
    public InsufficientStockException(Guid productId, int available, long requested)
        : base($"Product '{productId}' has {available} in stock; {requested} requested.")
    {
        ProductId = productId;
    }

    public Guid ProductId { get; }

    public override string Code => "insufficient-stock";
}
