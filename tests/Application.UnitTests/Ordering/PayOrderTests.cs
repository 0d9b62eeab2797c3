using System.Globalization;
using NSubstitute;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Ordering.PayOrder;
using Shop.Application.Ordering.Ports;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Ordering;

public sealed class PayOrderTests
{
    private readonly IOrderRepository _orders = Substitute.For<IOrderRepository>();
    private readonly IProductRepository _products = Substitute.For<IProductRepository>();
    private readonly List<Guid> _taken = [];
    private readonly PayOrderHandler _handler;
    private readonly Product _first;
    private readonly Product _second;
    private readonly Order _order;

    public PayOrderTests()
    {
        (_first, _second) = TestData.TwoProductsInIdOrder(12.50m, 3.99m, stock: 10);
        // Lines added second product first: the handler must still take stock in id order.
        _order = TestData.PendingOrder(TestData.UserId, (_second, 3), (_first, 2));
        _orders.GetOwnedForUpdateAsync(_order.Id, TestData.UserId, Arg.Any<CancellationToken>()).Returns(_order);
        _products.TakeStockAsync(Arg.Any<Guid>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            _taken.Add(call.ArgAt<Guid>(0));
            return new StockTake(true, 10 - call.ArgAt<int>(1));
        });
        _handler = new PayOrderHandler(_orders, _products, TestData.Expiry, TestData.Clock());
    }

    [Fact]
    public async Task Pays_the_order_and_takes_each_lines_quantity_in_product_id_order()
    {
        var response = await _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None);

        Assert.Equal(_order.Id, response.Id);
        Assert.Equal("paid", response.Status);
        Assert.Equal(36.97m, response.Total);
        Assert.Equal(OrderStatus.Paid, _order.Status);
        Assert.Equal(new[] { _first.Id, _second.Id }, _taken);
        await _products.Received(1).TakeStockAsync(_first.Id, 2, Arg.Any<CancellationToken>());
        await _products.Received(1).TakeStockAsync(_second.Id, 3, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_expired_order_is_refused_before_any_stock_is_touched()
    {
        var handler = new PayOrderHandler(_orders, _products, TestData.Expiry, TestData.ClockAtExpiry());

        await Assert.ThrowsAsync<OrderExpiredException>(() =>
            handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(OrderStatus.Pending, _order.Status);
        Assert.Empty(_taken);
    }

    [Fact]
    public async Task An_amount_other_than_the_total_is_refused_before_any_stock_is_touched()
    {
        var exception = await Assert.ThrowsAsync<PaymentAmountMismatchException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.96m), CancellationToken.None).AsTask());

        Assert.Equal(36.97m, exception.Expected);
        Assert.Equal(OrderStatus.Pending, _order.Status);
        Assert.Empty(_taken);
    }

    [Fact]
    public async Task A_product_short_of_stock_refuses_the_payment_with_the_stock_it_has_now()
    {
        _products.TakeStockAsync(_second.Id, 3, Arg.Any<CancellationToken>()).Returns(new StockTake(false, 2));

        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(_second.Id, exception.ProductId);
        Assert.Equal($"Product '{_second.Id}' has 2 in stock; 3 requested.", exception.Message);
    }

    [Fact]
    public async Task The_first_product_short_of_stock_stops_the_payment_before_the_next_is_taken()
    {
        _products.TakeStockAsync(_first.Id, 2, Arg.Any<CancellationToken>()).Returns(new StockTake(false, 1));

        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(_first.Id, exception.ProductId);
        await _products.DidNotReceive().TakeStockAsync(_second.Id, Arg.Any<int>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_order_that_is_not_pending_is_refused()
    {
        _order.Cancel();

        await Assert.ThrowsAsync<OrderNotPendingException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(OrderStatus.Cancelled, _order.Status);
        Assert.Empty(_taken);
    }

    [Fact]
    public async Task A_paid_order_cannot_be_paid_again()
    {
        await _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None);

        await Assert.ThrowsAsync<OrderNotPendingException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(2, _taken.Count);
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.OtherUserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal($"Order '{_order.Id}' was not found.", exception.Message);
        Assert.Equal(OrderStatus.Pending, _order.Status);
        Assert.Empty(_taken);
    }

    public sealed class Validator
    {
        private readonly PayOrderValidator _validator = new();

        [Theory]
        [InlineData("0")]
        [InlineData("36.97")]
        [InlineData("99999999.99")]
        public void Accepts_an_amount_from_0_to_99999999_99(string amount) =>
            ValidationAssert.Passes(
                _validator, new PayOrderCommand(TestData.UserId, Guid.NewGuid(), decimal.Parse(amount, CultureInfo.InvariantCulture)));

        [Theory]
        [InlineData("-0.01")]
        [InlineData("100000000.00")]
        [InlineData("36.971")]
        public void Refuses_an_amount_out_of_range_or_with_three_decimals(string amount) =>
            ValidationAssert.FailsOn(
                _validator,
                new PayOrderCommand(TestData.UserId, Guid.NewGuid(), decimal.Parse(amount, CultureInfo.InvariantCulture)),
                "Amount");

        [Fact]
        public void Refuses_a_missing_amount() =>
            ValidationAssert.FailsOn(_validator, new PayOrderCommand(TestData.UserId, Guid.NewGuid(), null), "Amount");
    }
}
