using NSubstitute;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Ordering;
using Shop.Application.Ordering.ListMyOrders;
using Shop.Application.Ordering.Ports;
using Shop.Application.Pagination;
using Shop.Application.UnitTests.Support;
using Shop.Application.Validation;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Ordering;

public sealed class ListMyOrdersTests
{
    private readonly IOrderQueries _orders = Substitute.For<IOrderQueries>();
    private readonly ListMyOrdersHandler _handler;

    public ListMyOrdersTests() => _handler = new ListMyOrdersHandler(_orders);

    [Theory]
    [InlineData("pending", OrderStatus.Pending)]
    [InlineData("paid", OrderStatus.Paid)]
    [InlineData("cancelled", OrderStatus.Cancelled)]
    public async Task Lists_the_callers_orders_with_the_status(string status, OrderStatus expected)
    {
        var page = new PagedResponse<OrderResponse>([], 3, 5, 12);
        _orders.ListAsync(TestData.UserId, expected, 3, 5, Arg.Any<CancellationToken>()).Returns(page);

        var response = await _handler.Handle(new ListMyOrdersQuery(TestData.UserId, status, 3, 5), CancellationToken.None);

        Assert.Same(page, response);
        await _orders.Received(1).ListAsync(TestData.UserId, expected, 3, 5, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task No_status_lists_every_order(string? status)
    {
        var page = new PagedResponse<OrderResponse>([], 1, 20, 0);
        _orders.ListAsync(TestData.UserId, null, 1, 20, Arg.Any<CancellationToken>()).Returns(page);

        var response = await _handler.Handle(new ListMyOrdersQuery(TestData.UserId, status, 1, 20), CancellationToken.None);

        Assert.Same(page, response);
        await _orders.Received(1).ListAsync(TestData.UserId, null, 1, 20, Arg.Any<CancellationToken>());
    }

    public sealed class Validator
    {
        private static readonly ListMyOrdersQuery Valid = new(TestData.UserId, null, 1, 20);
        private readonly ListMyOrdersValidator _validator = new();

        [Theory]
        [InlineData(null)]
        [InlineData("pending")]
        [InlineData("paid")]
        [InlineData("cancelled")]
        public void Accepts_no_status_or_a_known_one(string? status) =>
            ValidationAssert.Passes(_validator, Valid with { Status = status });

        [Theory]
        [InlineData("shipped")]
        [InlineData(" ")]
        [InlineData("0")]
        public void Refuses_an_unknown_status(string status) =>
            ValidationAssert.FailsOn(_validator, Valid with { Status = status }, "Status");

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void Refuses_a_page_below_1(int page) =>
            ValidationAssert.FailsOn(_validator, Valid with { Page = page }, "Page");

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        public void Accepts_a_page_size_of_1_to_100(int pageSize) =>
            ValidationAssert.Passes(_validator, Valid with { PageSize = pageSize });

        [Theory]
        [InlineData(0)]
        [InlineData(101)]
        public void Refuses_a_page_size_outside_1_to_100(int pageSize) =>
            ValidationAssert.FailsOn(_validator, Valid with { PageSize = pageSize }, "PageSize");
    }
}
