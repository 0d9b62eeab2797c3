using NSubstitute;
using Shop.Application.Errors;
using Shop.Application.Ordering.CancelOrder;
using Shop.Application.Ordering.Ports;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Ordering;

public sealed class CancelOrderTests
{
    private readonly IOrderRepository _orders = Substitute.For<IOrderRepository>();
    private readonly CancelOrderHandler _handler;
    private readonly Order _order = TestData.PendingOrder(TestData.UserId, (TestData.Product(price: 12.50m), 2));

    public CancelOrderTests()
    {
        _orders.GetOwnedForUpdateAsync(_order.Id, TestData.UserId, Arg.Any<CancellationToken>()).Returns(_order);
        _handler = new CancelOrderHandler(_orders);
    }

    [Fact]
    public async Task Cancels_a_pending_order()
    {
        var response = await _handler.Handle(new CancelOrderCommand(TestData.UserId, _order.Id), CancellationToken.None);

        Assert.Equal(_order.Id, response.Id);
        Assert.Equal("cancelled", response.Status);
        Assert.Equal(25.00m, response.Total);
        Assert.Equal(OrderStatus.Cancelled, _order.Status);
    }

    [Fact]
    public async Task A_paid_order_cannot_be_cancelled()
    {
        _order.ProcessPayment(25.00m);

        await Assert.ThrowsAsync<OrderNotPendingException>(() =>
            _handler.Handle(new CancelOrderCommand(TestData.UserId, _order.Id), CancellationToken.None).AsTask());

        Assert.Equal(OrderStatus.Paid, _order.Status);
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new CancelOrderCommand(TestData.OtherUserId, _order.Id), CancellationToken.None).AsTask());

        Assert.Equal($"Order '{_order.Id}' was not found.", exception.Message);
        Assert.Equal(OrderStatus.Pending, _order.Status);
    }

    [Fact]
    public async Task An_unknown_order_is_not_found()
    {
        var id = Guid.NewGuid();
        _orders.GetOwnedForUpdateAsync(id, TestData.UserId, Arg.Any<CancellationToken>()).Returns((Order?)null);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new CancelOrderCommand(TestData.UserId, id), CancellationToken.None).AsTask());

        Assert.Equal($"Order '{id}' was not found.", exception.Message);
    }

    public sealed class Validator
    {
        private readonly CancelOrderValidator _validator = new();

        [Fact]
        public void Accepts_an_order_id() =>
            ValidationAssert.Passes(_validator, new CancelOrderCommand(TestData.UserId, Guid.NewGuid()));

        [Fact]
        public void Refuses_an_empty_order_id() =>
            ValidationAssert.FailsOn(_validator, new CancelOrderCommand(TestData.UserId, Guid.Empty), "OrderId");
    }
}
