using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations.Outages;

/// <summary>
/// A retry with the same Idempotency-Key while the first request still runs is a 409, and the first then completes
/// once. The first payment is held deterministically: the test locks the order's row in a transaction of its own,
/// so the payment waits on that lock (it takes the order FOR UPDATE) until the test lets go.
/// </summary>
[Collection(OwnServersGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class IdempotencyInFlightTests
{
    private const int Stock = 7;
    private const int Ordered = 3;

    private readonly OwnServersShopApiFactory _factory;

    public IdempotencyInFlightTests(OwnServersShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_retry_while_the_first_payment_runs_is_409_and_the_stock_is_taken_once()
    {
        var user = await _factory.NewUserAsync("In Flight");
        var product = await _factory.CreateProductAsync(price: 2.5m, stock: Stock);
        var productId = product.GetProperty("id").GetGuid();
        var orderId = (await ShopApiFactory.PlaceOrderAsync(user, (productId, Ordered))).GetProperty("id").GetGuid();
        var key = $"in-flight-{Guid.NewGuid():N}";

        HttpResponseMessage firstResponse;
        await using (var held = await HeldPayment.StartAsync(_factory, orderId, () => PayAsync(user, orderId, key)))
        {
            using var retry = await PayAsync(user, orderId, key);
            var problem = await retry.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("Idempotency-Key", problem.Str("detail"), StringComparison.Ordinal);
            Assert.False(held.Payment.IsCompleted, "The first payment finished while the test still held the order's lock");
            await held.ReleaseAsync();
            firstResponse = await held.Payment;
        }

        using (firstResponse)
        {
            await firstResponse.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("paid", (await firstResponse.ReadJsonAsync()).GetProperty("status").GetString());
        }

        using var replay = await PayAsync(user, orderId, key);
        await replay.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"), "A retry after the first finished was not a replay");
        Assert.Equal(Stock - Ordered, await StockAsync(productId));
    }

    private static async Task<HttpResponseMessage> PayAsync(TestUser user, Guid orderId, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/payment")
        {
            Content = JsonContent.Create(new { amount = 2.5m * Ordered }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await user.Client.SendAsync(request);
    }

    private async Task<int> StockAsync(Guid productId)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT stock FROM products WHERE id = @product", connection);
        command.Parameters.AddWithValue("product", productId);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
