using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Shop.Application.Ordering.ExpirePendingOrders;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Application.Telemetry;
using Shop.Domain.Ordering;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>
/// <see cref="ExpirePendingOrdersCommand"/> sent through the host's mediator as the sweeps of several instances send it:
/// each batch in a scope of its own, at the same time, on real PostgreSQL. The host's own sweep is off and its clock
/// stands still. Never timed: the guard only keeps a broken lock from hanging the run.
/// </summary>
public sealed class ExpirePendingOrdersTests : IClassFixture<NoExpirySweepShopApiFactory>
{
    private const int BatchSize = ExpirePendingOrdersCommand.DefaultBatchSize;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>Set in this test's own sends: other hosts of the assembly count expired orders at the same time.</summary>
    private static readonly AsyncLocal<bool> Sending = new();

    private readonly NoExpirySweepShopApiFactory _factory;

    public ExpirePendingOrdersTests(NoExpirySweepShopApiFactory factory) => _factory = factory;

    /// <summary>An hour past the expiry of the orders placed then.</summary>
    private DateTimeOffset LongExpired => _factory.Clock.GetUtcNow() - OrderExpiry.Default - TimeSpan.FromHours(1);

    [Fact]
    public async Task Two_sweeps_at_once_cancel_each_expired_order_exactly_once_and_leave_fresh_paid_and_cancelled_ones()
    {
        var product = (await _factory.CreateProductAsync(price: 2.5m)).Id();
        var user = await _factory.NewUserAsync();
        // More than two batches, so that both sweeps claim several batches while the other one holds some.
        var expired = await OrdersAsync(user, BatchSize * 3 + 7, LongExpired, product);
        var fresh = await OrdersAsync(user, 3, _factory.Clock.GetUtcNow() - TimeSpan.FromHours(2), product);
        var paid = await OrdersAsync(user, 2, LongExpired, product, order => order.ProcessPayment(order.Total));
        var cancelled = await OrdersAsync(user, 2, LongExpired, product, order => order.Cancel());
        var expiredInDatabase = Assert.Single(await QueryAsync(
            "SELECT count(*) FROM orders WHERE status = 'pending' AND created_at <= $1",
            reader => reader.GetInt64(0),
            (_factory.Clock.GetUtcNow() - OrderExpiry.Default).UtcDateTime));
        using var meter = new ExpiredOrdersMeter();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sweeps = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await SweepAsync();
        })).ToList();
        start.SetResult();
        var counts = await Task.WhenAll(sweeps).WaitAsync(Guard);

        Assert.Equal(expiredInDatabase, counts.Sum());
        Assert.Equal(expiredInDatabase, meter.Count);
        Assert.All(await StatusesAsync(expired), status => Assert.Equal("cancelled", status));
        Assert.All(await StatusesAsync(fresh), status => Assert.Equal("pending", status));
        Assert.All(await StatusesAsync(paid), status => Assert.Equal("paid", status));
        Assert.All(await StatusesAsync(cancelled), status => Assert.Equal("cancelled", status));
        Assert.Equal(0, await SweepAsync());
        // One order.cancelled message for each order the sweeps cancelled, and none for the others.
        Assert.Equal(
            expired.Select(order => order.Id).Order(),
            (await CancelledMessagesAsync([.. expired, .. fresh, .. paid, .. cancelled])).Select(message => message.ResourceId).Order());
    }

    [Fact]
    public async Task A_sweep_skips_an_order_a_payment_holds_and_the_payment_pays_it()
    {
        var product = (await _factory.CreateProductAsync(price: 4m)).Id();
        var user = await _factory.NewUserAsync();
        var held = Assert.Single(await OrdersAsync(user, 1, LongExpired, product));
        var free = Assert.Single(await OrdersAsync(user, 1, LongExpired, product));

        // A payment that locked the order (as PayOrder does) before the sweep came, and pays once the sweep is done.
        await using var payment = _factory.Services.CreateAsyncScope();
        var unitOfWork = payment.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        var order = await payment.ServiceProvider.GetRequiredService<IOrderRepository>()
            .GetOwnedForUpdateAsync(held.Id, held.UserId, CancellationToken.None);
        Assert.NotNull(order);

        await SweepAsync().WaitAsync(Guard);
        Assert.Equal("pending", Assert.Single(await StatusesAsync([held])));
        Assert.Equal("cancelled", Assert.Single(await StatusesAsync([free])));

        order.ProcessPayment(order.Total);
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);
        await SweepAsync();
        Assert.Equal("paid", Assert.Single(await StatusesAsync([held])));
        Assert.Empty(await CancelledMessagesAsync([held]));
    }

    [Fact]
    public async Task An_expired_orders_cancellation_writes_an_order_cancelled_message_with_the_order_as_get_shows_it()
    {
        var first = (await _factory.CreateProductAsync(price: 2.5m)).Id();
        var second = (await _factory.CreateProductAsync(price: 4.25m)).Id();
        var user = await _factory.NewUserAsync();
        var expired = Assert.Single(await OrdersAsync(user, 1, LongExpired, first, order => order.AddItem(second, 4.25m, 3)));

        await SweepAsync();

        using var response = await user.Client.GetAsync($"/api/orders/{expired.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadJsonAsync();
        Assert.Equal("cancelled", shown.Str("status"));
        var message = Assert.Single(await CancelledMessagesAsync([expired]));
        Assert.Equal(expired.Id, message.Data.Id());
        Assert.Equal("cancelled", message.Data.Str("status"));
        Assert.Equal(shown.Money("total"), message.Data.Money("total"));
        Assert.Equal(Lines(shown), Lines(message.Data));
        Assert.Equal(2, Lines(message.Data).Count);
    }

    [Fact]
    public async Task A_batch_whose_commit_fails_cancels_nothing_writes_no_message_and_counts_nothing()
    {
        var product = (await _factory.CreateProductAsync(price: 3m)).Id();
        var user = await _factory.NewUserAsync();
        var expired = Assert.Single(await OrdersAsync(user, 1, LongExpired, product));
        using var meter = new ExpiredOrdersMeter();

        // Checked at COMMIT, after the batch cancelled the order and wrote its message: the COMMIT fails.
        await ExecuteAsync("""
            CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON outbox_messages DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION refuse_commit();
            """);
        try
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(SendAsync);
            Assert.Equal(PostgresErrorCodes.RaiseException, refused.SqlState);
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_commit ON outbox_messages; DROP FUNCTION refuse_commit();");
        }

        Assert.Equal("pending", Assert.Single(await StatusesAsync([expired])));
        Assert.Empty(await CancelledMessagesAsync([expired]));
        Assert.Equal(0, meter.Count);

        // Nothing was lost: the next sweep cancels it.
        await SweepAsync();
        Assert.Equal("cancelled", Assert.Single(await StatusesAsync([expired])));
        Assert.Single(await CancelledMessagesAsync([expired]));
        Assert.Equal(1, meter.Count);
    }

    /// <summary>What the host's sweep does at each interval: batches, each in a scope of its own, until one comes back short.</summary>
    private async Task<int> SweepAsync()
    {
        var cancelled = 0;
        int batch;
        do
        {
            batch = await SendAsync();
            cancelled += batch;
        }
        while (batch == BatchSize);

        return cancelled;
    }

    private async Task<int> SendAsync()
    {
        Sending.Value = true;
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExpirePendingOrdersCommand(BatchSize));
    }

    /// <summary>
    /// <paramref name="count"/> orders of <paramref name="user"/>, placed at <paramref name="placedAt"/>, one line each,
    /// saved together without the mediator (so they write no outbox message).
    /// </summary>
    private async Task<IReadOnlyList<Order>> OrdersAsync(
        TestUser user, int count, DateTimeOffset placedAt, Guid productId, Action<Order>? then = null)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var orders = new List<Order>();
        for (var i = 0; i < count; i++)
        {
            var order = Order.Place(user.Id, new FakeTimeProvider(placedAt));
            order.AddItem(productId, 2.5m, 1);
            then?.Invoke(order);
            scope.ServiceProvider.GetRequiredService<IOrderRepository>().Add(order);
            orders.Add(order);
        }

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return orders;
    }

    private Task<List<string>> StatusesAsync(IReadOnlyList<Order> orders) =>
        QueryAsync("SELECT status FROM orders WHERE id = ANY($1) ORDER BY id", reader => reader.GetString(0), Ids(orders));

    private Task<List<(Guid ResourceId, JsonElement Data)>> CancelledMessagesAsync(IReadOnlyList<Order> orders) =>
        QueryAsync(
            "SELECT resource_id, data::text FROM outbox_messages WHERE type = 'order.cancelled' AND resource_id = ANY($1)",
            reader => (reader.GetGuid(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()),
            Ids(orders));

    private static Guid[] Ids(IReadOnlyList<Order> orders) => [.. orders.Select(order => order.Id)];

    private static List<(Guid ProductId, int Quantity, decimal UnitPrice)> Lines(JsonElement order) =>
        [.. order.GetProperty("items").EnumerateArray()
            .Select(line => (line.GetProperty("productId").GetGuid(), line.Int("quantity"), line.Money("unitPrice")))
            .OrderBy(line => line.Item1)];

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The shop.orders.expired measurements of this test's own sends.</summary>
    private sealed class ExpiredOrdersMeter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ExpiredOrdersMeter()
        {
            _listener.InstrumentPublished = (instrument, meters) =>
            {
                // By name: the instrument may be published while ShopTelemetry's fields are still being initialized.
                if (instrument.Meter.Name == ShopTelemetry.SourceName && instrument.Name == "shop.orders.expired")
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                if (Sending.Value)
                {
                    Interlocked.Add(ref _count, value);
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
