namespace Shop.Domain.Ordering;

/// <summary>Where an order stands: pending until it is paid or cancelled; both are final.</summary>
public enum OrderStatus
{
    Pending,
    Paid,
    Cancelled,
}
