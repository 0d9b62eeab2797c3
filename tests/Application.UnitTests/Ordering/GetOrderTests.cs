using NSubstitute;
using Shop.Application.Errors;
using Shop.Application.Ordering;
using Shop.Application.Ordering.GetOrder;
using Shop.Application.Ordering.Ports;
using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Ordering;

public sealed class GetOrderTests
{
    private static readonly Guid OrderId = Guid.Parse("a1b2c3d4-0000-4000-8000-000000000001");
    private readonly IOrderQueries _orders = Substitute.For<IOrderQueries>();
    private readonly GetOrderHandler _handler;

    public GetOrderTests() => _handler = new GetOrderHandler(_orders);

    [Fact]
    public async Task Answers_the_callers_order()
    {
        var order = new OrderResponse(OrderId, TestData.UserId, "pending", 25.00m, TestData.NowStored, []);
        _orders.GetAsync(OrderId, TestData.UserId, Arg.Any<CancellationToken>()).Returns(order);

        var response = await _handler.Handle(new GetOrderQuery(TestData.UserId, OrderId), CancellationToken.None);

        Assert.Same(order, response);
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        var order = new OrderResponse(OrderId, TestData.UserId, "pending", 25.00m, TestData.NowStored, []);
        _orders.GetAsync(OrderId, TestData.UserId, Arg.Any<CancellationToken>()).Returns(order);
        _orders.GetAsync(OrderId, TestData.OtherUserId, Arg.Any<CancellationToken>()).Returns((OrderResponse?)null);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new GetOrderQuery(TestData.OtherUserId, OrderId), CancellationToken.None).AsTask());

        Assert.Equal($"Order '{OrderId}' was not found.", exception.Message);
        await _orders.Received(1).GetAsync(OrderId, TestData.OtherUserId, Arg.Any<CancellationToken>());
    }
}
