using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations.Outages;

/// <summary>
/// The host's real PostgreSQL is shut down while it serves, then started again: writes are refused with a 503 and
/// Retry-After (never a 500), nothing of them is left in the database, and the host recovers by itself.
/// </summary>
[Collection(OwnServersGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class DatabaseRestartTests
{
    private const int Stock = 10;
    private const int Ordered = 2;

    private readonly OwnServersShopApiFactory _factory;

    public DatabaseRestartTests(OwnServersShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Writes_are_503_while_postgres_is_down_leave_nothing_behind_and_succeed_after_its_restart()
    {
        var user = await _factory.NewUserAsync("Database Outage");
        var admin = await _factory.AdminAsync();
        var product = await _factory.CreateProductAsync(price: 4m, stock: Stock);
        var productId = product.GetProperty("id").GetGuid();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (productId, Ordered));
        var orderId = order.GetProperty("id").GetGuid();
        var paymentKey = $"db-outage-{Guid.NewGuid():N}";

        await _factory.Servers.StopPostgresAsync();
        try
        {
            using var placed = await user.Client.PostAsJsonAsync(
                "/api/orders", new { items = new[] { new { productId, quantity = 1 } } });
            await placed.AssertUnavailableAsync();
            using var paid = await PayAsync(user, orderId, paymentKey);
            await paid.AssertUnavailableAsync();
            using var restocked = await admin.Client.PostAsJsonAsync($"/api/products/{productId}/stock", new { delta = 5 });
            await restocked.AssertUnavailableAsync();

            using var anonymous = _factory.CreateAnonymousClient();
            using var live = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));
            await live.AssertStatusAsync(HttpStatusCode.OK);
            using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
            await ready.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await _factory.Servers.StartPostgresAsync();
        }

        await _factory.WaitUntilReadyAsync();

        var before = await ReadAsync(user.Id, orderId, productId);
        Assert.Equal(new Stored(Orders: 1, Lines: 1, Status: "pending", Stock: Stock), before);

        // The 503 stored nothing under the payment's key: the same key now pays, and takes the stock once.
        using var paidAfter = await PayAsync(user, orderId, paymentKey);
        await paidAfter.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(new Stored(Orders: 1, Lines: 1, Status: "paid", Stock: Stock - Ordered), await ReadAsync(user.Id, orderId, productId));
    }

    private static async Task<HttpResponseMessage> PayAsync(TestUser user, Guid orderId, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/payment")
        {
            Content = JsonContent.Create(new { amount = 4m * Ordered }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await user.Client.SendAsync(request);
    }

    /// <summary>What the database holds, read with a connection of the test's own.</summary>
    private async Task<Stored> ReadAsync(Guid userId, Guid orderId, Guid productId)
    {
        // Unpooled: a connection pooled before the restart would be closed by the server on its first use. (The host's
        // own pool is another one, its connection string naming Max Auto Prepare.)
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(_factory.DatabaseConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM orders WHERE user_id = @user),
                   (SELECT count(*) FROM line_items l JOIN orders o ON o.id = l.order_id WHERE o.user_id = @user),
                   (SELECT status FROM orders WHERE id = @order),
                   (SELECT stock FROM products WHERE id = @product)
            """,
            connection);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("order", orderId);
        command.Parameters.AddWithValue("product", productId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Stored(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3));
    }

    private sealed record Stored(long Orders, long Lines, string Status, int Stock);
}
