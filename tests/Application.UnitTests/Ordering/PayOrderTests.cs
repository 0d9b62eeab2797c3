using System.Globalization;
using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Ordering.PayOrder;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Ordering;

public sealed class PayOrderTests
{
    private readonly IOrderRepository _orders = Substitute.For<IOrderRepository>();
    private readonly PayOrderHandler _handler;
    private readonly Product _first;
    private readonly Product _second;
    private readonly Order _order;

    public PayOrderTests()
    {
        (_first, _second) = TestData.TwoProductsInIdOrder(12.50m, 3.99m, stock: 10);
        // Lines added second product first (the repository takes stock in product id order; not visible here).
        _order = TestData.PendingOrder(TestData.UserId, (_second, 3), (_first, 2));
        _orders.GetForUpdateAsync(_order.Id, Arg.Any<CancellationToken>()).Returns(_order);
        _orders.CommitPaymentAsync(_order, Arg.Any<CancellationToken>()).Returns((ShortOfStock?)null);
        _handler = new PayOrderHandler(_orders);
    }

    // The cache keys of the paid products are named by the repository, not by the handler: that is checked against a
    // real database (CommitWithStatementsTests) and end to end (CacheInvalidationTests.Paying_removes_...).
    [Fact]
    public async Task Pays_the_order_answers_it_paid_and_commits_the_payment_once()
    {
        var response = await _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None);

        Assert.Equal(_order.Id, response.Id);
        Assert.Equal("paid", response.Status);
        Assert.Equal(36.97m, response.Total);
        Assert.Equal(OrderStatus.Paid, _order.Status);
        await _orders.Received(1).CommitPaymentAsync(Arg.Is<Order>(order => order.Status == OrderStatus.Paid), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_amount_other_than_the_total_is_refused_before_any_stock_is_touched()
    {
        var exception = await Assert.ThrowsAsync<PaymentAmountMismatchException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.96m), CancellationToken.None).AsTask());

        Assert.Equal(36.97m, exception.Expected);
        Assert.Equal(OrderStatus.Pending, _order.Status);
        await _orders.DidNotReceiveWithAnyArgs().CommitPaymentAsync(default!, default);
    }

    [Fact]
    public async Task A_product_short_of_stock_refuses_the_payment_with_the_stock_it_has_now()
    {
        _orders.CommitPaymentAsync(_order, Arg.Any<CancellationToken>()).Returns(new ShortOfStock(_second.Id, 2));

        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(_second.Id, exception.ProductId);
        Assert.Equal($"Product '{_second.Id}' has 2 in stock; 3 requested.", exception.Message);
    }

    [Fact]
    public async Task A_product_found_short_is_refused_even_if_its_stock_was_raised_since()
    {
        _orders.CommitPaymentAsync(_order, Arg.Any<CancellationToken>()).Returns(new ShortOfStock(_first.Id, 10));

        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(_first.Id, exception.ProductId);
    }

    [Fact]
    public async Task An_order_that_is_not_pending_is_refused()
    {
        _order.Cancel();

        await Assert.ThrowsAsync<OrderNotPendingException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal(OrderStatus.Cancelled, _order.Status);
        await _orders.DidNotReceiveWithAnyArgs().CommitPaymentAsync(default!, default);
    }

    [Fact]
    public async Task A_paid_order_cannot_be_paid_again()
    {
        await _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None);

        await Assert.ThrowsAsync<OrderNotPendingException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.UserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        await _orders.Received(1).CommitPaymentAsync(_order, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new PayOrderCommand(TestData.OtherUserId, _order.Id, 36.97m), CancellationToken.None).AsTask());

        Assert.Equal($"Order '{_order.Id}' was not found.", exception.Message);
        Assert.Equal(OrderStatus.Pending, _order.Status);
        await _orders.DidNotReceiveWithAnyArgs().CommitPaymentAsync(default!, default);
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
