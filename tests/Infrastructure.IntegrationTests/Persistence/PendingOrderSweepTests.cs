using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Telemetry;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Domain.Ordering;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Ordering.Expiry;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The sweep of expired pending orders on real PostgreSQL, as several instances run it: each in its own scope and
/// DbContext, at the same time. Never timed: the guard only keeps a broken lock from hanging the run.
/// </summary>
public sealed class PendingOrderSweepTests : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private static readonly PendingOrderExpiry Expiry = new(TimeSpan.FromHours(24));
    private static readonly DateTimeOffset Placed = Seed.DefaultNow;

    /// <summary>A day and an hour after <see cref="Placed"/>: orders placed then have expired.</summary>
    private static readonly FixedClock SweepClock = new(Placed + Expiry.After + TimeSpan.FromHours(1));

    private readonly MigratedDatabaseFixture _fixture;

    public PendingOrderSweepTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Two_sweeps_at_once_cancel_each_expired_order_exactly_once_and_leave_fresh_paid_and_cancelled_ones()
    {
        var product = await Seed.ProductAsync(_fixture, 2.5m);
        // More than two batches, so that both sweeps claim several batches while the other one holds some.
        var expired = await OrdersAsync(PendingOrderSweep.BatchSize * 3 + 7, Placed, product.Id);
        var fresh = await OrdersAsync(3, SweepClock.Now - TimeSpan.FromHours(2), product.Id);
        var paid = await OrdersAsync(2, Placed, product.Id, order => order.ProcessPayment(order.Total));
        var cancelled = await OrdersAsync(2, Placed, product.Id, order => order.Cancel());
        var expiredInDatabase = await _fixture.ScalarAsync<long>(
            "SELECT count(*) FROM orders WHERE status = 'pending' AND created_at <= $1", Expiry.PlacedBy(SweepClock));

        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            // By name: the instrument may be published while ShopTelemetry's fields are still being initialized.
            if (instrument.Meter.Name == ShopTelemetry.SourceName && instrument.Name == "shop.orders.expired")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sweeps = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = _fixture.Services.CreateAsyncScope();
            var sweep = new PendingOrderSweep(scope.ServiceProvider.GetRequiredService<ShopDbContext>(), Expiry, SweepClock);
            await start.Task;
            return await sweep.RunAsync(CancellationToken.None);
        })).ToList();
        start.SetResult();
        var counts = await Task.WhenAll(sweeps).WaitAsync(Guard);

        Assert.Equal(expiredInDatabase, counts.Sum());
        Assert.Equal(expiredInDatabase, Interlocked.Read(ref counted));
        Assert.All(await StatusesAsync(expired), status => Assert.Equal("cancelled", status));
        Assert.All(await StatusesAsync(fresh), status => Assert.Equal("pending", status));
        Assert.All(await StatusesAsync(paid), status => Assert.Equal("paid", status));
        Assert.All(await StatusesAsync(cancelled), status => Assert.Equal("cancelled", status));
        Assert.Equal(0, await SweepOnceAsync());
    }

    [Fact]
    public async Task A_sweep_skips_an_order_a_payment_holds_and_the_payment_pays_it()
    {
        var product = await Seed.ProductAsync(_fixture, 4m);
        var held = Assert.Single(await OrdersAsync(1, Placed, product.Id));
        var free = Assert.Single(await OrdersAsync(1, Placed, product.Id));

        // A payment that locked the order (as PayOrder does) before the sweep came, and pays once the sweep is done.
        await using var payment = _fixture.Services.CreateAsyncScope();
        var unitOfWork = payment.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        var order = await payment.ServiceProvider.GetRequiredService<IOrderRepository>()
            .GetOwnedForUpdateAsync(held.Id, held.UserId, CancellationToken.None);
        Assert.NotNull(order);

        await SweepOnceAsync().WaitAsync(Guard);
        Assert.Equal("pending", Assert.Single(await StatusesAsync([held])));
        Assert.Equal("cancelled", Assert.Single(await StatusesAsync([free])));

        order.ProcessPayment(order.Total);
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);
        await SweepOnceAsync();
        Assert.Equal("paid", Assert.Single(await StatusesAsync([held])));
    }

    private async Task<int> SweepOnceAsync()
    {
        await using var scope = _fixture.Services.CreateAsyncScope();
        return await new PendingOrderSweep(scope.ServiceProvider.GetRequiredService<ShopDbContext>(), Expiry, SweepClock)
            .RunAsync(CancellationToken.None);
    }

    /// <summary><paramref name="count"/> orders of one new user, placed at <paramref name="placedAt"/>, one line each, saved together.</summary>
    private async Task<IReadOnlyList<Order>> OrdersAsync(int count, DateTimeOffset placedAt, Guid productId, Action<Order>? then = null)
    {
        var user = await Seed.UserAsync(_fixture);
        return await _fixture.InScopeAsync(async services =>
        {
            var orders = new List<Order>();
            for (var i = 0; i < count; i++)
            {
                var order = Order.Place(user.Id, new FixedClock(placedAt));
                order.AddItem(productId, 2.5m, 1);
                then?.Invoke(order);
                services.GetRequiredService<IOrderRepository>().Add(order);
                orders.Add(order);
            }

            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return (IReadOnlyList<Order>)orders;
        });
    }

    private Task<List<string>> StatusesAsync(IReadOnlyList<Order> orders) =>
        _fixture.QueryAsync(
            "SELECT status FROM orders WHERE id = ANY($1) ORDER BY id", reader => reader.GetString(0), orders.Select(order => order.Id).ToArray());
}
