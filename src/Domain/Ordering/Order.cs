using Shop.Domain.Common;
using Shop.Domain.Events;

namespace Shop.Domain.Ordering;

/// <summary>A customer's order: its lines, its total and its status.</summary>
public sealed class Order : AggregateRoot
{
    public const int MaxLines = 100;

    private readonly List<LineItem> _items = [];

    private Order(Guid id, Guid userId, OrderStatus status, decimal total, DateTime createdAt)
    {
        Id = id;
        UserId = userId;
        Status = status;
        Total = total;
        CreatedAt = createdAt;
    }

    /// <summary>Unique identifier of the order.</summary>
    public Guid Id { get; private set; }

    /// <summary>The user who placed the order.</summary>
    public Guid UserId { get; private set; }

    /// <summary>pending, paid or cancelled.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>Sum of the line subtotals, rounded to cents.</summary>
    public decimal Total { get; private set; }

    /// <summary>When the order was placed (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<LineItem> Items => _items;

    public static Order Place(Guid userId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (userId == Guid.Empty)
        {
            throw new DomainValidationException("userId", "An order needs a user.");
        }

        var order = new Order(Guid.CreateVersion7(), userId, OrderStatus.Pending, 0m, Guard.UtcNow(clock));
        order.Raise(new OrderPlaced(order.Id));
        return order;
    }

    /// <summary>
    /// Adds a line at <paramref name="unitPrice"/>, or raises the quantity of the line that already holds the product
    /// and re-prices the whole line at <paramref name="unitPrice"/>: units are always charged at the current price,
    /// so an old price cannot be kept for more units. The lines added while the order is placed are part of its placement.
    /// </summary>
    public LineItem AddItem(Guid productId, decimal unitPrice, int quantity)
    {
        EnsurePending();
        if (productId == Guid.Empty)
        {
            throw new DomainValidationException("productId", ValidationMessages.Empty("productId"));
        }

        var line = _items.Find(item => item.ProductId == productId);
        if (line is not null)
        {
            var merged = LineItem.ValidQuantity(line.Quantity + LineItem.ValidQuantity(quantity));
            EnsureTotalStaysInRange((LineItem.ValidUnitPrice(unitPrice) * merged) - line.GetSubtotal());
            line.AddUnits(quantity, unitPrice);
        }
        else
        {
            if (_items.Count >= MaxLines)
            {
                throw new OrderFullException(Id);
            }

            line = LineItem.Create(Id, productId, unitPrice, quantity);
            EnsureTotalStaysInRange(line.GetSubtotal());
            _items.Add(line);
        }

        Total = CalculateTotal();
        if (!HasRaised<OrderPlaced>())
        {
            Raise(new OrderItemAdded(Id, productId, quantity));
        }

        return line;
    }

    // The total is stored as DECIMAL(10,2); an order may not outgrow it.
    private void EnsureTotalStaysInRange(decimal addedAmount)
    {
        if (Total + addedAmount > Money.MaxAmount)
        {
            throw new OrderTotalTooLargeException(Id);
        }
    }

    public decimal CalculateTotal() => Money.RoundToCents(_items.Sum(item => item.GetSubtotal()));

    /// <summary>Pending to paid, for exactly the total.</summary>
    public void ProcessPayment(decimal amount)
    {
        EnsurePending();
        if (amount != Total)
        {
            throw new PaymentAmountMismatchException(Total, amount);
        }

        Status = OrderStatus.Paid;
        Raise(new OrderPaid(Id));
    }

    /// <summary>Pending to cancelled.</summary>
    public void Cancel()
    {
        EnsurePending();
        Status = OrderStatus.Cancelled;
        Raise(new OrderCancelled(Id, Expired: false));
    }

    /// <summary>Whether the order is pending and has waited for its payment longer than <paramref name="expiry"/> allows.</summary>
    public bool HasExpired(PendingOrderExpiry expiry, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        return Status == OrderStatus.Pending && CreatedAt <= expiry.PlacedBy(clock);
    }

    /// <summary>
    /// Refuses a payment or a new item for an order that has expired, whether or not the sweep has cancelled it yet:
    /// the rule does not depend on when the sweep runs.
    /// </summary>
    public void EnsureNotExpired(PendingOrderExpiry expiry, TimeProvider clock)
    {
        if (HasExpired(expiry, clock))
        {
            throw new OrderExpiredException(Id, CreatedAt + expiry.After);
        }
    }

    /// <summary>
    /// Pending to cancelled because the order expired unpaid. False, and nothing changes, when it is not pending
    /// (paid or cancelled meanwhile) or has not expired yet. No stock was taken (only a payment takes it): none is given back.
    /// </summary>
    public bool Expire(PendingOrderExpiry expiry, TimeProvider clock)
    {
        if (!HasExpired(expiry, clock))
        {
            return false;
        }

        Status = OrderStatus.Cancelled;
        Raise(new OrderCancelled(Id, Expired: true));
        return true;
    }

    /// <summary>The quantity of every product in the order, in a fixed order (by product id).</summary>
    public IReadOnlyList<(Guid ProductId, int Quantity)> QuantitiesByProduct() =>
        _items.OrderBy(item => item.ProductId).Select(item => (item.ProductId, item.Quantity)).ToList();

    private void EnsurePending()
    {
        if (Status != OrderStatus.Pending)
        {
            throw new OrderNotPendingException(Id, Status);
        }
    }
}
