using NSubstitute;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Ordering;
using Shop.Application.Ordering.PlaceOrder;
using Shop.Application.Ordering.Ports;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Ordering;

public sealed class PlaceOrderTests
{
    private readonly IOrderRepository _orders = Substitute.For<IOrderRepository>();
    private readonly IProductRepository _products = Substitute.For<IProductRepository>();
    private readonly PlaceOrderHandler _handler;
    private readonly Product _widget = TestData.Product(price: 12.50m, stock: 10, name: "Widget");
    private readonly Product _gadget = TestData.Product(price: 3.99m, stock: 4, name: "Gadget");

    public PlaceOrderTests()
    {
        _products.GetManyAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>())
            .Returns(call => new[] { _widget, _gadget }.Where(p => call.Arg<IReadOnlyCollection<Guid>>().Contains(p.Id)).ToList());
        _handler = new PlaceOrderHandler(_orders, _products, TestData.Clock());
    }

    [Fact]
    public async Task Places_a_pending_order_at_the_current_prices()
    {
        var response = await _handler.Handle(
            new PlaceOrderCommand(TestData.UserId, [new(_widget.Id, 2), new(_gadget.Id, 3)]), CancellationToken.None);

        Assert.NotEqual(Guid.Empty, response.Id);
        Assert.Equal(TestData.UserId, response.UserId);
        Assert.Equal("pending", response.Status);
        Assert.Equal(36.97m, response.Total);
        Assert.Equal(TestData.NowStored, response.CreatedAt);
        Assert.Collection(
            response.Items,
            line =>
            {
                Assert.Equal(_widget.Id, line.ProductId);
                Assert.Equal(2, line.Quantity);
                Assert.Equal(12.50m, line.UnitPrice);
                Assert.Equal(25.00m, line.Subtotal);
            },
            line =>
            {
                Assert.Equal(_gadget.Id, line.ProductId);
                Assert.Equal(3, line.Quantity);
                Assert.Equal(3.99m, line.UnitPrice);
                Assert.Equal(11.97m, line.Subtotal);
            });
        _orders.Received(1).Add(Arg.Is<Order>(order =>
            order.Id == response.Id && order.UserId == TestData.UserId && order.Status == OrderStatus.Pending));
        // Placing an order reserves nothing: stock is taken when it is paid.
        Assert.Equal(10, _widget.Stock);
        Assert.Equal(4, _gadget.Stock);
    }

    [Fact]
    public async Task The_same_product_twice_makes_one_line_and_is_loaded_once()
    {
        var response = await _handler.Handle(
            new PlaceOrderCommand(TestData.UserId, [new(_widget.Id, 2), new(_widget.Id, 3)]), CancellationToken.None);

        var line = Assert.Single(response.Items);
        Assert.Equal(_widget.Id, line.ProductId);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(62.50m, response.Total);
        await _products.Received(1).GetManyAsync(
            Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.SequenceEqual(new[] { _widget.Id })), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_unknown_product_is_not_found_and_no_order_is_added()
    {
        var unknown = Guid.NewGuid();

        var exception = await Assert.ThrowsAsync<NotFoundException>(() => _handler.Handle(
            new PlaceOrderCommand(TestData.UserId, [new(_widget.Id, 1), new(unknown, 1)]), CancellationToken.None).AsTask());

        Assert.Equal($"Product '{unknown}' was not found.", exception.Message);
        _orders.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task More_than_the_stock_is_refused_and_no_order_is_added()
    {
        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() => _handler.Handle(
            new PlaceOrderCommand(TestData.UserId, [new(_widget.Id, 1), new(_gadget.Id, 5)]), CancellationToken.None).AsTask());

        Assert.Equal(_gadget.Id, exception.ProductId);
        _orders.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task The_stock_is_checked_against_the_merged_quantity()
    {
        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() => _handler.Handle(
            new PlaceOrderCommand(TestData.UserId, [new(_gadget.Id, 2), new(_gadget.Id, 3)]), CancellationToken.None).AsTask());

        Assert.Equal(_gadget.Id, exception.ProductId);
        _orders.DidNotReceiveWithAnyArgs().Add(default!);
    }

    public sealed class Validator
    {
        private readonly PlaceOrderValidator _validator = new();

        private static PlaceOrderCommand WithItems(int count) =>
            new(TestData.UserId, Enumerable.Range(0, count).Select(_ => new PlaceOrderItem(Guid.NewGuid(), 1)).ToList());

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        public void Accepts_1_to_100_items(int count) => ValidationAssert.Passes(_validator, WithItems(count));

        [Theory]
        [InlineData(0)]
        [InlineData(101)]
        public void Refuses_no_items_or_more_than_100(int count) =>
            ValidationAssert.FailsOn(_validator, WithItems(count), "Items");

        /// <summary>
        /// The request's limit is the HTTP contract's (docs/api.md: 1..100 items), not the order's line limit: it stays
        /// at 100 whatever Order.MaxLines becomes (this test names no domain constant).
        /// </summary>
        [Fact]
        public void The_request_limit_is_the_contracts_100_items_whatever_the_orders_line_limit()
        {
            Assert.Equal(100, OrderingRules.MaxItemsPerRequest);
            ValidationAssert.Passes(_validator, WithItems(100));

            var refused = _validator.Validate(WithItems(101));

            var error = Assert.Single(refused.Errors);
            Assert.Equal("Items", error.PropertyName);
            Assert.Equal("'items' must hold between 1 and 100 items.", error.ErrorMessage);
        }

        [Fact]
        public void Refuses_missing_items() =>
            ValidationAssert.FailsOn(_validator, new PlaceOrderCommand(TestData.UserId, null!), "Items");

        [Theory]
        [InlineData(1)]
        [InlineData(1000)]
        public void Accepts_a_quantity_of_1_to_1000(int quantity) =>
            ValidationAssert.Passes(_validator, new PlaceOrderCommand(TestData.UserId, [new(Guid.NewGuid(), quantity)]));

        [Theory]
        [InlineData(0)]
        [InlineData(1001)]
        [InlineData(null)]
        public void Refuses_a_quantity_outside_1_to_1000(int? quantity) =>
            ValidationAssert.FailsOn(
                _validator,
                new PlaceOrderCommand(TestData.UserId, [new(Guid.NewGuid(), 1), new(Guid.NewGuid(), quantity)]),
                "Items[1].Quantity");

        [Fact]
        public void Refuses_a_null_item() =>
            ValidationAssert.FailsOn(
                _validator, new PlaceOrderCommand(TestData.UserId, [new(Guid.NewGuid(), 1), null!]), "Items[1]");

        [Fact]
        public void Refuses_a_missing_product_id() =>
            ValidationAssert.FailsOn(_validator, new PlaceOrderCommand(TestData.UserId, [new(null, 1)]), "Items[0].ProductId");

        [Fact]
        public void Refuses_an_empty_product_id() =>
            ValidationAssert.FailsOn(_validator, new PlaceOrderCommand(TestData.UserId, [new(Guid.Empty, 1)]), "Items[0].ProductId");
    }
}
