using System.Linq.Expressions;
using Shop.Domain.Common;

namespace Shop.Domain.Ordering;

/// <summary>One product in an order, with the quantity and the unit price of its last addition, at which every unit is charged.</summary>
public sealed class LineItem
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 1000;

    /// <summary>The rule behind <see cref="GetSubtotal"/>, as an expression so that queries translate it to SQL.</summary>
    public static Expression<Func<LineItem, decimal>> SubtotalRule { get; } = item => item.UnitPrice * item.Quantity;

    private static readonly Func<LineItem, decimal> s_subtotal = SubtotalRule.Compile();

    private LineItem(Guid id, Guid orderId, Guid productId, int quantity, decimal unitPrice)
    {
        Id = id;
        OrderId = orderId;
        ProductId = productId;
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    /// <summary>Unique identifier of the line.</summary>
    public Guid Id { get; private set; }

    /// <summary>The order this line belongs to.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>The product ordered.</summary>
    public Guid ProductId { get; private set; }

    /// <summary>How many units are ordered, 1 to 1000.</summary>
    public int Quantity { get; private set; }

    /// <summary>The product's unit price when units were last added to the line (the whole line is charged at it).</summary>
    public decimal UnitPrice { get; private set; }

    public decimal GetSubtotal() => s_subtotal(this);

    internal static LineItem Create(Guid orderId, Guid productId, decimal unitPrice, int quantity) =>
        new(Guid.CreateVersion7(), orderId, productId, ValidQuantity(quantity), ValidUnitPrice(unitPrice));

    /// <summary>More units of the product, and the whole line at <paramref name="unitPrice"/>, the product's current price.</summary>
    internal void AddUnits(int quantity, decimal unitPrice)
    {
        var merged = ValidQuantity(Quantity + ValidQuantity(quantity));
        UnitPrice = ValidUnitPrice(unitPrice);
        Quantity = merged;
    }

    internal static decimal ValidUnitPrice(decimal unitPrice)
    {
        if (!Money.IsValidAmount(unitPrice))
        {
            throw new DomainValidationException("unitPrice", "'unitPrice' must be a valid amount.");
        }

        return unitPrice;
    }

    internal static int ValidQuantity(int quantity)
    {
        if (quantity is < MinQuantity or > MaxQuantity)
        {
            throw new DomainValidationException("quantity", $"'quantity' must be between {MinQuantity} and {MaxQuantity}.");
        }

        return quantity;
    }
}
