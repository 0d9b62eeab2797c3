using Shop.Domain.Catalog;
using Shop.Domain.Events;
using Shop.Domain.Ordering;
using Shop.Domain.UnitTests.Support;

namespace Shop.Domain.UnitTests.Events;

/// <summary>What Order and Product record as they change; the unit of work collects it with TakeDomainEvents.</summary>
public sealed class DomainEventTests
{
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
    private static readonly PendingOrderExpiry Expiry = new(TimeSpan.FromHours(24));

    [Fact]
    public void A_placed_order_records_only_its_placement_whatever_lines_it_was_placed_with()
    {
        var order = Order.Place(Guid.NewGuid(), Clock);
        order.AddItem(Guid.NewGuid(), 5m, 2);
        order.AddItem(Guid.NewGuid(), 3m, 1);

        Assert.Equal([new OrderPlaced(order.Id)], order.TakeDomainEvents());
        Assert.Empty(order.TakeDomainEvents());
    }

    [Fact]
    public void Units_added_after_the_placement_record_an_item_added_each()
    {
        var order = Order.Place(Guid.NewGuid(), Clock);
        var product = Guid.NewGuid();
        order.AddItem(product, 5m, 2);
        order.TakeDomainEvents();

        order.AddItem(product, 6m, 1);
        var other = Guid.NewGuid();
        order.AddItem(other, 1m, 3);

        Assert.Equal([new OrderItemAdded(order.Id, product, 1), new OrderItemAdded(order.Id, other, 3)], order.TakeDomainEvents());
    }

    [Fact]
    public void Payment_cancellation_and_expiry_record_what_happened_and_a_refusal_records_nothing()
    {
        var paid = PlacedOrder();
        paid.ProcessPayment(paid.Total);
        Assert.Equal([new OrderPaid(paid.Id)], paid.TakeDomainEvents());
        Assert.ThrowsAny<Exception>(paid.Cancel);
        Assert.Empty(paid.TakeDomainEvents());

        var cancelled = PlacedOrder();
        cancelled.Cancel();
        Assert.Equal([new OrderCancelled(cancelled.Id, Expired: false)], cancelled.TakeDomainEvents());

        var expired = PlacedOrder();
        Assert.True(expired.Expire(Expiry, new FixedTimeProvider(Clock.GetUtcNow() + Expiry.After)));
        Assert.Equal([new OrderCancelled(expired.Id, Expired: true)], expired.TakeDomainEvents());
    }

    [Fact]
    public void A_product_records_its_creation_changes_stock_and_deletion_but_not_an_update_that_changes_nothing()
    {
        var product = Product.Create("Lamp", "Bright", 10m, 4);
        product.Update("Lamp", "Bright", 10m);
        product.Update("Lamp", "Brighter", 10m);
        product.UpdateStock(-3);
        Assert.ThrowsAny<Exception>(() => product.UpdateStock(-2));
        product.Delete();

        Assert.Equal(
            new IDomainEvent[] { new ProductCreated(product.Id), new ProductUpdated(product.Id), new ProductStockChanged(product.Id, -3), new ProductDeleted(product.Id) },
            product.TakeDomainEvents());
    }

    private static Order PlacedOrder()
    {
        var order = Order.Place(Guid.NewGuid(), Clock);
        order.AddItem(Guid.NewGuid(), 5m, 1);
        order.TakeDomainEvents();
        return order;
    }
}
