using System.Net;
using System.Text;
using Shop.WebApi.FunctionalTests.Support;
using StackExchange.Redis;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>`Idempotency-Key` on POST /api/orders and POST /api/orders/{id}/payment.</summary>
public class IdempotencyTests : IClassFixture<ShopApiFactory>
{
    private const string ReplayedHeader = "Idempotent-Replayed";
    private readonly ShopApiFactory _factory;

    public IdempotencyTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Placing_twice_with_one_key_and_body_creates_one_order_and_replays_the_first_response()
    {
        var product = await _factory.CreateProductAsync(price: 12.5m, stock: 10);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        var body = OrderBody(product.Id(), 2);

        using var first = await PostAsync(user, "/api/orders", body, key);
        using var second = await PostAsync(user, "/api/orders", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains(ReplayedHeader));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ReplayedHeader)));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Contains("\"total\":25.00", firstBody, StringComparison.Ordinal);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await CountOrdersAsync(user));

        var stored = await _factory.Redis.KeyTimeToLiveAsync(Assert.Single(await IdempotencyKeysAsync(user.Id)));
        Assert.NotNull(stored);
        Assert.InRange(stored.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task A_refused_first_request_is_replayed_as_refused_even_after_the_cause_is_gone()
    {
        var product = await _factory.CreateProductAsync(stock: 1);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        var body = OrderBody(product.Id(), 2);
        using var first = await PostAsync(user, "/api/orders", body, key);
        await first.AssertProblemAsync(HttpStatusCode.Conflict);
        var admin = await _factory.AdminAsync();
        using (var restock = await admin.Client.PostRawAsync($"/api/products/{product.Id()}/stock", """{"delta":5}"""))
        {
            Assert.Equal(HttpStatusCode.OK, restock.StatusCode);
        }

        using var second = await PostAsync(user, "/api/orders", body, key);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ReplayedHeader)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountOrdersAsync(user));
    }

    [Theory]
    [InlineData("/API/Orders")]
    [InlineData("/api/orders/")]
    public async Task The_key_is_scoped_to_the_route_however_the_path_is_spelled(string otherSpelling)
    {
        var product = await _factory.CreateProductAsync(stock: 10);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        var body = OrderBody(product.Id(), 1);
        using var first = await PostAsync(user, "/api/orders", body, key);

        using var second = await PostAsync(user, otherSpelling, body, key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ReplayedHeader)));
        Assert.Equal(1, await CountOrdersAsync(user));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_creates_nothing()
    {
        var product = await _factory.CreateProductAsync(stock: 10);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 1), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var second = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 2), key);

        await second.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await CountOrdersAsync(user));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400_and_255_characters_are_accepted()
    {
        var product = await _factory.CreateProductAsync(stock: 10);
        var user = await _factory.NewUserAsync();

        using var tooLong = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 1), new string('k', 256));
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await CountOrdersAsync(user));

        using var longest = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 1), new string('k', 255));
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(1, await CountOrdersAsync(user));
    }

    [Fact]
    public async Task One_key_used_by_two_users_makes_two_independent_orders()
    {
        var product = await _factory.CreateProductAsync(stock: 10);
        var alice = await _factory.NewUserAsync("Alice");
        var bob = await _factory.NewUserAsync("Bob");
        var key = Guid.NewGuid().ToString();
        var body = OrderBody(product.Id(), 1);

        using var alices = await PostAsync(alice, "/api/orders", body, key);
        using var bobs = await PostAsync(bob, "/api/orders", body, key);

        Assert.Equal(HttpStatusCode.Created, alices.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bobs.StatusCode);
        Assert.False(bobs.Headers.Contains(ReplayedHeader));
        var alicesOrder = await alices.ReadJsonAsync();
        var bobsOrder = await bobs.ReadJsonAsync();
        Assert.NotEqual(alicesOrder.Id(), bobsOrder.Id());
        Assert.Equal(alice.Id, alicesOrder.GetProperty("userId").GetGuid());
        Assert.Equal(bob.Id, bobsOrder.GetProperty("userId").GetGuid());
        Assert.Equal(1, await CountOrdersAsync(alice));
        Assert.Equal(1, await CountOrdersAsync(bob));
    }

    [Fact]
    public async Task Paying_twice_with_one_key_takes_the_stock_once_and_replays_the_first_response()
    {
        var product = await _factory.CreateProductAsync(price: 3.5m, stock: 10);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();

        // The key is per route: using it for placing does not make the payment a replay.
        using var placed = await PostAsync(user, "/api/orders", OrderBody(product.Id(), 4), key);
        var order = await placed.ReadJsonAsync();
        var url = $"/api/orders/{order.Id()}/payment";

        using var first = await PostAsync(user, url, """{"amount":14.00}""", key);
        using var second = await PostAsync(user, url, """{"amount":14.00}""", key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains(ReplayedHeader));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(ReplayedHeader)));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal("paid", (await first.ReadJsonAsync()).Str("status"));
        Assert.Equal(6, (await _factory.GetProductAsync(product.Id())).Int("stock"));

        using var otherAmount = await PostAsync(user, url, """{"amount":15.00}""", key);
        await otherAmount.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        using var withoutKey = await PostAsync(user, url, """{"amount":14.00}""", null);
        await withoutKey.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(6, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    [Fact]
    public async Task Amounts_that_differ_past_the_cents_are_different_bodies_and_trailing_zeros_are_not()
    {
        var product = await _factory.CreateProductAsync(price: 12.5m, stock: 10);
        var user = await _factory.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        var url = $"/api/orders/{order.Id()}/payment";

        using var refused = await PostAsync(user, url, """{"amount":12.504}""", key);
        using var exactTotal = await PostAsync(user, url, """{"amount":12.50}""", key);
        using var otherKey = await PostAsync(user, url, """{"amount":12.50}""", key + "-2");
        using var sameWithoutZero = await PostAsync(user, url, """{"amount":12.5}""", key + "-2");

        await refused.AssertValidationProblemAsync("amount");
        await exactTotal.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameWithoutZero.StatusCode);
        Assert.Equal("true", Assert.Single(sameWithoutZero.Headers.GetValues(ReplayedHeader)));
    }

    [Fact]
    public async Task A_refusal_of_150000_null_items_stores_no_large_record_under_its_key()
    {
        var user = await _factory.NewUserAsync();
        var body = "{\"items\":[" + string.Join(',', Enumerable.Repeat("null", 150_000)) + "]}";

        using var refused = await PostAsync(user, "/api/orders", body, Guid.NewGuid().ToString());

        await refused.AssertValidationProblemAsync("items");
        foreach (var key in await IdempotencyKeysAsync(user.Id))
        {
            var size = await _factory.Redis.StringLengthAsync(key);
            Assert.True(size <= 16 * 1024, $"{key} holds {size} bytes");
        }

        Assert.Equal(0, await CountOrdersAsync(user));
    }

    private static string OrderBody(Guid productId, int quantity) =>
        $$"""{"items":[{"productId":"{{productId}}","quantity":{{quantity}}}]}""";

    private static async Task<HttpResponseMessage> PostAsync(TestUser user, string url, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await user.Client.SendAsync(request);
    }

    private static async Task<int> CountOrdersAsync(TestUser user)
    {
        using var response = await user.Client.GetAsync("/api/orders");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).Int("totalCount");
    }

    private async Task<List<RedisKey>> IdempotencyKeysAsync(Guid userId)
    {
        var keys = new List<RedisKey>();
        var server = _factory.Redis.Multiplexer.GetServers()[0];
        await foreach (var key in server.KeysAsync(_factory.RedisDatabaseIndex, $"idempotency:*{userId}*"))
        {
            keys.Add(key);
        }

        return keys;
    }
}
