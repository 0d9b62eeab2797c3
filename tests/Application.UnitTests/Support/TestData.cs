using Shop.Domain.Catalog;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Support;

internal static class TestData
{
    /// <summary>2026-11-25T10:00:00.1234567Z: finer than the microsecond the domain keeps.</summary>
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary><see cref="Now"/> cut to the microsecond, as the domain stores it.</summary>
    public static readonly DateTime NowStored = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560);

    public static readonly Guid UserId = Guid.Parse("0b7a1c52-2f7e-4a57-9d0a-7f1d8e1c0a01");

    public static readonly Guid OtherUserId = Guid.Parse("7d3e5f10-9a2b-4c6d-8e1f-203040506070");

    public static FixedTimeProvider Clock() => new(Now);

    /// <summary>Pending orders expire a day after they are placed.</summary>
    public static readonly PendingOrderExpiry Expiry = new(TimeSpan.FromHours(24));

    /// <summary>The instant a pending order placed at <see cref="Now"/> expires (<see cref="Expiry"/>).</summary>
    public static FixedTimeProvider ClockAtExpiry() => new(Now + Expiry.After);

    public static Product Product(decimal price = 12.50m, int stock = 10, string name = "Widget") =>
        Shop.Domain.Catalog.Product.Create(name, "A useful widget", price, stock);

    /// <summary>Two products, sorted by id (the order in which payment locks them).</summary>
    public static (Product First, Product Second) TwoProductsInIdOrder(decimal firstPrice, decimal secondPrice, int stock)
    {
        var a = Product(firstPrice, stock);
        var b = Product(firstPrice, stock);
        var (first, second) = a.Id.CompareTo(b.Id) < 0 ? (a, b) : (b, a);
        first.Update("Alpha", null, firstPrice);
        second.Update("Beta", null, secondPrice);
        return (first, second);
    }

    public static Order PendingOrder(Guid userId, params (Product Product, int Quantity)[] lines)
    {
        var order = Order.Place(userId, Clock());
        foreach (var (product, quantity) in lines)
        {
            order.AddItem(product.Id, product.Price, quantity);
        }

        return order;
    }
}
