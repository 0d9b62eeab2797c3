using NSubstitute;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Ordering.AddOrderItem;
using Shop.Application.Ordering.PlaceOrder;
using Shop.Application.Ordering.Ports;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Ordering;

public sealed class AddOrderItemTests
{
    private readonly IOrderRepository _orders = Substitute.For<IOrderRepository>();
    private readonly IProductRepository _products = Substitute.For<IProductRepository>();
    private readonly AddOrderItemHandler _handler;
    private readonly Product _widget = TestData.Product(price: 12.50m, stock: 10, name: "Widget");
    private readonly Product _gadget = TestData.Product(price: 3.99m, stock: 4, name: "Gadget");
    private readonly Order _order;

    public AddOrderItemTests()
    {
        _order = TestData.PendingOrder(TestData.UserId, (_widget, 2));
        _orders.GetOwnedForUpdateAsync(_order.Id, TestData.UserId, Arg.Any<CancellationToken>()).Returns(_order);
        _products.GetManyAsync(Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.SequenceEqual(new[] { _widget.Id })), Arg.Any<CancellationToken>())
            .Returns([_widget]);
        _products.GetManyAsync(Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.SequenceEqual(new[] { _gadget.Id })), Arg.Any<CancellationToken>())
            .Returns([_gadget]);
        _handler = new AddOrderItemHandler(_orders, _products, TestData.Expiry, TestData.Clock());
    }

    [Fact]
    public async Task Adds_a_new_line_at_the_current_price()
    {
        var response = await _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, _order.Id, _gadget.Id, 3), CancellationToken.None);

        Assert.Equal(_order.Id, response.Id);
        Assert.Equal("pending", response.Status);
        Assert.Equal(36.97m, response.Total);
        Assert.Equal(2, response.Items.Count);
        var added = response.Items[1];
        Assert.Equal(_gadget.Id, added.ProductId);
        Assert.Equal(3, added.Quantity);
        Assert.Equal(3.99m, added.UnitPrice);
        Assert.Equal(11.97m, added.Subtotal);
    }

    [Fact]
    public async Task Units_added_to_a_line_reprice_the_whole_line_at_the_current_price()
    {
        Order? placed = null;
        _orders.Add(Arg.Do<Order>(order => placed = order));
        _products.GetManyAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>()).Returns([_gadget]);
        var placeOrder = new PlaceOrderHandler(_orders, _products, TestData.Clock());
        await placeOrder.Handle(new PlaceOrderCommand(TestData.UserId, [new(_gadget.Id, 2)]), CancellationToken.None);
        Assert.NotNull(placed);
        _orders.GetOwnedForUpdateAsync(placed.Id, TestData.UserId, Arg.Any<CancellationToken>()).Returns(placed);

        _gadget.Update(_gadget.Name, _gadget.Description, 5.00m);
        var response = await _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, placed.Id, _gadget.Id, 1), CancellationToken.None);

        var line = Assert.Single(response.Items);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(5.00m, line.UnitPrice);
        Assert.Equal(15.00m, line.Subtotal);
        Assert.Equal(15.00m, response.Total);
        Assert.Equal(5.00m, Assert.Single(placed.Items).UnitPrice);
    }

    [Fact]
    public async Task An_expired_order_is_refused_before_the_sweep_cancels_it()
    {
        var handler = new AddOrderItemHandler(_orders, _products, TestData.Expiry, TestData.ClockAtExpiry());

        await Assert.ThrowsAsync<OrderExpiredException>(() => handler.Handle(
            new AddOrderItemCommand(TestData.UserId, _order.Id, _gadget.Id, 1), CancellationToken.None).AsTask());

        Assert.Single(_order.Items);
        Assert.Equal(OrderStatus.Pending, _order.Status);
    }

    [Fact]
    public async Task A_product_already_in_the_order_raises_its_quantity()
    {
        var response = await _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, _order.Id, _widget.Id, 3), CancellationToken.None);

        var line = Assert.Single(response.Items);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(62.50m, line.Subtotal);
        Assert.Equal(62.50m, response.Total);
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() => _handler.Handle(
            new AddOrderItemCommand(TestData.OtherUserId, _order.Id, _gadget.Id, 1), CancellationToken.None).AsTask());

        Assert.Equal($"Order '{_order.Id}' was not found.", exception.Message);
        Assert.Single(_order.Items);
    }

    [Fact]
    public async Task An_unknown_order_is_not_found()
    {
        var id = Guid.NewGuid();
        _orders.GetOwnedForUpdateAsync(id, TestData.UserId, Arg.Any<CancellationToken>()).Returns((Order?)null);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() => _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, id, _gadget.Id, 1), CancellationToken.None).AsTask());

        Assert.Equal($"Order '{id}' was not found.", exception.Message);
    }

    [Fact]
    public async Task An_unknown_product_is_not_found()
    {
        var id = Guid.NewGuid();
        _products.GetManyAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>()).Returns([]);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() => _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, _order.Id, id, 1), CancellationToken.None).AsTask());

        Assert.Equal($"Product '{id}' was not found.", exception.Message);
        Assert.Single(_order.Items);
    }

    [Fact]
    public async Task An_order_that_is_not_pending_is_refused()
    {
        _order.Cancel();

        await Assert.ThrowsAsync<OrderNotPendingException>(() => _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, _order.Id, _gadget.Id, 1), CancellationToken.None).AsTask());

        Assert.Single(_order.Items);
    }

    [Fact]
    public async Task More_than_the_stock_is_refused()
    {
        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() => _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, _order.Id, _gadget.Id, 5), CancellationToken.None).AsTask());

        Assert.Equal(_gadget.Id, exception.ProductId);
    }

    [Fact]
    public async Task The_stock_is_checked_against_the_raised_quantity()
    {
        // 2 widgets are already ordered; 9 more make 11, one more than the 10 in stock.
        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() => _handler.Handle(
            new AddOrderItemCommand(TestData.UserId, _order.Id, _widget.Id, 9), CancellationToken.None).AsTask());

        Assert.Equal(_widget.Id, exception.ProductId);
    }

    public sealed class Validator
    {
        private readonly AddOrderItemValidator _validator = new();

        [Theory]
        [InlineData(1)]
        [InlineData(1000)]
        public void Accepts_a_quantity_of_1_to_1000(int quantity) =>
            ValidationAssert.Passes(_validator, new AddOrderItemCommand(TestData.UserId, Guid.NewGuid(), Guid.NewGuid(), quantity));

        [Theory]
        [InlineData(0)]
        [InlineData(1001)]
        [InlineData(null)]
        public void Refuses_a_quantity_outside_1_to_1000(int? quantity) =>
            ValidationAssert.FailsOn(
                _validator, new AddOrderItemCommand(TestData.UserId, Guid.NewGuid(), Guid.NewGuid(), quantity), "Quantity");

        [Fact]
        public void Refuses_a_missing_product_id() =>
            ValidationAssert.FailsOn(_validator, new AddOrderItemCommand(TestData.UserId, Guid.NewGuid(), null, 1), "ProductId");

        [Fact]
        public void Refuses_an_empty_product_id() =>
            ValidationAssert.FailsOn(_validator, new AddOrderItemCommand(TestData.UserId, Guid.NewGuid(), Guid.Empty, 1), "ProductId");
    }
}
