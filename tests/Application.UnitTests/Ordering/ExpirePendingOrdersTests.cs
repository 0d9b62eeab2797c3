using System.Diagnostics.Metrics;
using NSubstitute;
using Shop.Application.Events;
using Shop.Application.Ordering.ExpirePendingOrders;
using Shop.Application.Ordering.Ports;
using Shop.Application.Telemetry;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Ordering;

namespace Shop.Application.UnitTests.Ordering;

public sealed class ExpirePendingOrdersTests
{
    private readonly IOrderRepository _orders = Substitute.For<IOrderRepository>();
    private readonly FixedTimeProvider _clock = TestData.ClockAtExpiry();
    private readonly ExpirePendingOrdersHandler _handler;

    public ExpirePendingOrdersTests() => _handler = new ExpirePendingOrdersHandler(_orders, TestData.Expiry, _clock);

    [Fact]
    public async Task Claims_up_to_the_batch_size_of_the_orders_placed_by_the_expiry_instant_and_expires_each()
    {
        var orders = new[] { Pending(), Pending() };
        _orders.ClaimExpiredForUpdateAsync(Arg.Any<DateTime>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(orders);

        var expired = await _handler.Handle(new ExpirePendingOrdersCommand(50), CancellationToken.None);

        Assert.Equal(2, expired);
        await _orders.Received(1).ClaimExpiredForUpdateAsync(TestData.NowStored, 50, Arg.Any<CancellationToken>());
        Assert.All(orders, order =>
        {
            Assert.Equal(OrderStatus.Cancelled, order.Status);
            Assert.Equal(new OrderCancelled(order.Id, Expired: true), Assert.Single(order.TakeDomainEvents()));
        });
    }

    [Fact]
    public async Task The_domain_decides_again_a_claimed_order_that_is_no_longer_pending_is_left_and_not_counted()
    {
        var paid = Pending();
        paid.ProcessPayment(paid.Total);
        paid.TakeDomainEvents();
        var pending = Pending();
        _orders.ClaimExpiredForUpdateAsync(Arg.Any<DateTime>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([paid, pending]);

        var expired = await _handler.Handle(new ExpirePendingOrdersCommand(10), CancellationToken.None);

        Assert.Equal(1, expired);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Empty(paid.TakeDomainEvents());
        Assert.Equal(OrderStatus.Cancelled, pending.Status);
    }

    [Fact]
    public async Task No_expired_order_is_zero()
    {
        _orders.ClaimExpiredForUpdateAsync(Arg.Any<DateTime>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);

        Assert.Equal(0, await _handler.Handle(new ExpirePendingOrdersCommand(10), CancellationToken.None));
    }

    /// <summary>A pending order placed at <see cref="TestData.Now"/>, its placement events taken.</summary>
    private static Order Pending()
    {
        var order = TestData.PendingOrder(TestData.UserId, (TestData.Product(price: 5m), 1));
        order.TakeDomainEvents();
        return order;
    }

    public sealed class Validator
    {
        private readonly ExpirePendingOrdersValidator _validator = new();

        [Theory]
        [InlineData(1)]
        [InlineData(ExpirePendingOrdersCommand.DefaultBatchSize)]
        [InlineData(ExpirePendingOrdersCommand.MaxBatchSize)]
        public void Accepts_a_batch_size_from_one_to_the_maximum(int size) =>
            ValidationAssert.Passes(_validator, new ExpirePendingOrdersCommand(size));

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(ExpirePendingOrdersCommand.MaxBatchSize + 1)]
        public void Refuses_any_other_batch_size(int size) =>
            ValidationAssert.FailsOn(_validator, new ExpirePendingOrdersCommand(size), "BatchSize");
    }

    /// <summary>The count of expired orders, made after the commit from the published events.</summary>
    public sealed class Count : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly CountExpiredOrderHandler _handler = new();
        private long _counted;

        public Count()
        {
            _listener.InstrumentPublished = (instrument, meters) =>
            {
                // By name: the instrument may be published while ShopTelemetry's fields are still being initialized.
                if (instrument.Meter.Name == ShopTelemetry.SourceName && instrument.Name == "shop.orders.expired")
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _counted, value));
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();

        [Fact]
        public async Task Counts_each_expired_order_and_no_other_event()
        {
            var orderId = Guid.NewGuid();

            await _handler.Handle(new DomainEventNotification(new OrderCancelled(orderId, Expired: true)), CancellationToken.None);
            await _handler.Handle(new DomainEventNotification(new OrderCancelled(orderId, Expired: false)), CancellationToken.None);
            await _handler.Handle(new DomainEventNotification(new OrderPaid(orderId)), CancellationToken.None);

            Assert.Equal(1, Interlocked.Read(ref _counted));
        }
    }
}
