using Shop.Domain.Common;
using Shop.Domain.Ordering;
using Shop.Domain.UnitTests.Support;

namespace Shop.Domain.UnitTests.Ordering;

// LineItem.Create is internal: lines are made, and merged, through Order.AddItem. That a line keeps the product's
// price from when it was added is proved where the price is read from a Product: Application.UnitTests AddOrderItemTests.
public class LineItemTests
{
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public static TheoryData<decimal, int, decimal> Subtotals => new()
    {
        { 12.50m, 1, 12.50m },
        { 19.99m, 3, 59.97m },
        { 0.01m, 1000, 10.00m },
        { 0m, 7, 0m },
        { 99_999.99m, 1000, 99_999_990.00m },
    };

    public static TheoryData<decimal> InvalidUnitPrices => new()
    {
        -0.01m,
        -10m,
        0.001m,
        1.005m,
        100_000_000m,
    };

    private static Order NewOrder() => Order.Place(Guid.NewGuid(), Clock);

    [Fact]
    public void A_new_line_captures_product_quantity_and_unit_price()
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();

        var line = order.AddItem(productId, 12.50m, 3);

        Assert.Equal(order.Id, line.OrderId);
        Assert.Equal(productId, line.ProductId);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(12.50m, line.UnitPrice);
        Assert.Same(line, Assert.Single(order.Items));
    }

    [Fact]
    public void A_new_line_has_a_non_empty_version_7_id_of_its_own()
    {
        var order = NewOrder();

        var first = order.AddItem(Guid.NewGuid(), 1m, 1);
        var second = order.AddItem(Guid.NewGuid(), 1m, 1);

        Assert.NotEqual(Guid.Empty, first.Id);
        Assert.Equal(7, first.Id.Version);
        Assert.Equal(7, second.Id.Version);
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(order.Id, first.Id);
    }

    [Theory]
    [MemberData(nameof(Subtotals))]
    public void GetSubtotal_is_unit_price_times_quantity(decimal unitPrice, int quantity, decimal expected)
    {
        var line = NewOrder().AddItem(Guid.NewGuid(), unitPrice, quantity);

        Assert.Equal(expected, line.GetSubtotal());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(999)]
    [InlineData(1000)]
    public void A_quantity_from_1_to_1000_is_accepted(int quantity)
    {
        var line = NewOrder().AddItem(Guid.NewGuid(), 2m, quantity);

        Assert.Equal(quantity, line.Quantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void A_quantity_outside_1_to_1000_is_refused_and_no_line_is_added(int quantity)
    {
        var order = NewOrder();

        var ex = Assert.Throws<DomainValidationException>(() => order.AddItem(Guid.NewGuid(), 2m, quantity));

        Assert.Equal("quantity", ex.Field);
        Assert.Equal("'quantity' must be between 1 and 1000.", ex.Message);
        Assert.Empty(order.Items);
        Assert.Equal(0m, order.Total);
    }

    [Theory]
    [MemberData(nameof(InvalidUnitPrices))]
    public void An_invalid_unit_price_is_refused_and_no_line_is_added(decimal unitPrice)
    {
        var order = NewOrder();

        var ex = Assert.Throws<DomainValidationException>(() => order.AddItem(Guid.NewGuid(), unitPrice, 1));

        Assert.Equal("unitPrice", ex.Field);
        Assert.Empty(order.Items);
        Assert.Equal(0m, order.Total);
    }

    [Fact]
    public void Adding_the_same_product_again_raises_the_quantity_of_its_line_and_reprices_it_at_the_new_unit_price()
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();

        var first = order.AddItem(productId, 10.00m, 2);
        var merged = order.AddItem(productId, 12.00m, 3);

        Assert.Same(first, merged);
        var line = Assert.Single(order.Items);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(12.00m, line.UnitPrice);
        Assert.Equal(60.00m, line.GetSubtotal());
        Assert.Equal(60.00m, order.Total);
    }

    [Fact]
    public void Units_added_after_a_price_rise_are_charged_at_the_current_price()
    {
        // The security finding: 1 at 1.00, the price becomes 100.00, 999 more must not cost 1.00 each.
        var order = NewOrder();
        var productId = Guid.NewGuid();
        order.AddItem(productId, 1.00m, 1);

        order.AddItem(productId, 100.00m, 999);

        var line = Assert.Single(order.Items);
        Assert.Equal(1000, line.Quantity);
        Assert.Equal(100.00m, line.UnitPrice);
        Assert.Equal(100_000.00m, order.Total);
    }

    [Fact]
    public void Units_added_after_a_price_drop_reprice_the_line_down()
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();
        order.AddItem(productId, 5.00m, 4);

        order.AddItem(productId, 4.00m, 1);

        Assert.Equal(4.00m, Assert.Single(order.Items).UnitPrice);
        Assert.Equal(20.00m, order.Total);
    }

    [Theory]
    [MemberData(nameof(InvalidUnitPrices))]
    public void A_merge_at_an_invalid_unit_price_is_refused_and_the_line_is_unchanged(decimal unitPrice)
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();
        order.AddItem(productId, 2.00m, 5);

        var ex = Assert.Throws<DomainValidationException>(() => order.AddItem(productId, unitPrice, 1));

        Assert.Equal("unitPrice", ex.Field);
        var line = Assert.Single(order.Items);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(2.00m, line.UnitPrice);
        Assert.Equal(10.00m, order.Total);
    }

    [Fact]
    public void A_merge_whose_repriced_line_would_exceed_the_largest_total_is_refused_and_the_line_is_unchanged()
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();
        order.AddItem(productId, 1.00m, 10);

        // 11 units at 9,999,999.99 are more than 99,999,999.99; the one added unit alone would not be.
        Assert.Throws<OrderTotalTooLargeException>(() => order.AddItem(productId, 9_999_999.99m, 1));

        var line = Assert.Single(order.Items);
        Assert.Equal(10, line.Quantity);
        Assert.Equal(1.00m, line.UnitPrice);
        Assert.Equal(10.00m, order.Total);
    }

    [Fact]
    public void Merging_up_to_exactly_1000_is_accepted()
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();
        order.AddItem(productId, 1.25m, 600);

        var line = order.AddItem(productId, 1.25m, 400);

        Assert.Equal(1000, line.Quantity);
        Assert.Equal(1250.00m, order.Total);
    }

    [Theory]
    [InlineData(600, 401)]
    [InlineData(1000, 1)]
    [InlineData(1, 1000)]
    public void A_merge_that_would_exceed_1000_is_refused_and_the_line_is_unchanged(int first, int second)
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();
        order.AddItem(productId, 2.00m, first);

        var ex = Assert.Throws<DomainValidationException>(() => order.AddItem(productId, 2.00m, second));

        Assert.Equal("quantity", ex.Field);
        var line = Assert.Single(order.Items);
        Assert.Equal(first, line.Quantity);
        Assert.Equal(2.00m * first, order.Total);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_merge_with_an_invalid_quantity_is_refused_and_the_line_is_unchanged(int quantity)
    {
        var order = NewOrder();
        var productId = Guid.NewGuid();
        order.AddItem(productId, 2.00m, 5);

        var ex = Assert.Throws<DomainValidationException>(() => order.AddItem(productId, 2.00m, quantity));

        Assert.Equal("quantity", ex.Field);
        Assert.Equal(5, Assert.Single(order.Items).Quantity);
        Assert.Equal(10.00m, order.Total);
    }
}
