using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>Integration events are written in the command's transaction: a refused change leaves no outbox row.</summary>
public class OutboxTransactionTests : IClassFixture<PrivateNetworkWebhooksFactory>
{
    private readonly PrivateNetworkWebhooksFactory _factory;

    public OutboxTransactionTests(PrivateNetworkWebhooksFactory factory) => _factory = factory;

    [Fact]
    public async Task A_payment_that_rolls_back_after_taking_one_line_writes_no_event_and_a_paid_one_writes_its_events()
    {
        var admin = await _factory.AdminAsync();
        using (var subscribed = await admin.Client.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/all", events = new[] { "*" } }))
        {
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }

        // Created first, so its smaller id is taken first: the payment records its stock change, then fails on the other.
        var plenty = await _factory.CreateProductAsync(price: 1m, stock: 10);
        var scarce = await _factory.CreateProductAsync(price: 1m, stock: 2);
        var customer = await _factory.NewUserAsync();
        var refused = await ShopApiFactory.PlaceOrderAsync(customer, (plenty.Id(), 1), (scarce.Id(), 2));
        using (var adjusted = await admin.Client.PostAsJsonAsync($"/api/products/{scarce.Id()}/stock", new { delta = -1 }))
        {
            Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        }

        var messagesBefore = await CountAsync("SELECT count(*) FROM outbox_messages");
        var deliveriesBefore = await CountAsync("SELECT count(*) FROM webhook_deliveries");

        using var payment = await customer.Client.PostAsJsonAsync($"/api/orders/{refused.Id()}/payment", new { amount = 3m });

        Assert.Equal("/problems/insufficient-stock", (await payment.AssertProblemAsync(HttpStatusCode.Conflict)).Str("type"));
        Assert.Equal(messagesBefore, await CountAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(deliveriesBefore, await CountAsync("SELECT count(*) FROM webhook_deliveries"));
        Assert.Equal(10, (await _factory.GetProductAsync(plenty.Id())).Int("stock"));

        var paid = await ShopApiFactory.PlaceOrderAsync(customer, (plenty.Id(), 3));
        using var success = await customer.Client.PostAsJsonAsync($"/api/orders/{paid.Id()}/payment", new { amount = 3m });

        Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM outbox_messages WHERE type = 'order.paid' AND resource_id = '{paid.Id()}'"));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM outbox_messages WHERE type = 'product.stock_changed' AND resource_id = '{plenty.Id()}'"));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM outbox_messages WHERE resource_id = '{refused.Id()}' AND type <> 'order.placed'"));
        Assert.Equal(messagesBefore + 3, await CountAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(deliveriesBefore + 3, await CountAsync("SELECT count(*) FROM webhook_deliveries"));
    }

    [Fact]
    public async Task A_subscription_deleted_while_a_commit_fans_out_to_it_is_skipped_and_the_change_commits()
    {
        var admin = await _factory.AdminAsync();
        Guid subscription;
        using (var subscribed = await admin.Client.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/gone", events = new[] { "order.placed" } }))
        {
            subscription = (await subscribed.ReadJsonAsync()).GetProperty("id").GetGuid();
        }

        var product = await _factory.CreateProductAsync(price: 2m, stock: 5);
        var customer = await _factory.NewUserAsync();
        await using var deleter = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await deleter.OpenAsync();
        await using var deletion = await deleter.BeginTransactionAsync();
        await using (var delete = new NpgsqlCommand($"DELETE FROM webhook_subscriptions WHERE id = '{subscription}'", deleter, deletion))
        {
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        // The order's fan-out reaches the subscription the open DELETE holds, and waits for it.
        var placing = customer.Client.PostAsJsonAsync("/api/orders", new { items = new[] { new { productId = product.Id(), quantity = 1 } } });
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await deletion.CommitAsync();
        using var placed = await placing.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '{subscription}'"));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM outbox_messages WHERE type = 'order.placed' AND resource_id = '{(await placed.ReadJsonAsync()).GetProperty("id").GetGuid()}'"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
