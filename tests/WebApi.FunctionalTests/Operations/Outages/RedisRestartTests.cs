using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations.Outages;

/// <summary>
/// The host's real Redis is shut down while it serves, then started again: what needs Redis is a 503 with
/// Retry-After, the catalog and registration keep working, and everything comes back without a host restart.
/// </summary>
[Collection(OwnServersGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class RedisRestartTests
{
    private readonly OwnServersShopApiFactory _factory;

    public RedisRestartTests(OwnServersShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Sessions_and_idempotent_writes_are_503_while_redis_is_down_and_work_again_after_its_restart()
    {
        var user = await _factory.NewUserAsync("Redis Outage");
        var product = await _factory.CreateProductAsync(stock: 5);
        var productId = product.GetProperty("id").GetGuid();
        var orderBody = new { items = new[] { new { productId, quantity = 1 } } };
        var idempotencyKey = $"redis-outage-{Guid.NewGuid():N}";

        await _factory.Servers.StopRedisAsync();
        try
        {
            using var me = await user.Client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
            await me.AssertUnavailableAsync();
            using var login = await LogInAsync(user.Email);
            await login.AssertUnavailableAsync();
            using var order = await PlaceOrderAsync(user, orderBody, idempotencyKey);
            await order.AssertUnavailableAsync();

            using var catalog = await user.Client.GetAsync(new Uri("/api/products", UriKind.Relative));
            await catalog.AssertStatusAsync(HttpStatusCode.OK);
            using var one = await user.Client.GetAsync(new Uri($"/api/products/{productId}", UriKind.Relative));
            await one.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(5, (await one.ReadJsonAsync()).GetProperty("stock").GetInt32());
            using var anonymous = _factory.CreateAnonymousClient();
            using var registered = await anonymous.PostAsJsonAsync(
                "/api/users", new { email = $"no-redis-{Guid.NewGuid():N}@functional.test", name = "No Redis", password = ShopApiFactory.Password });
            await registered.AssertStatusAsync(HttpStatusCode.Created);

            using var live = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));
            await live.AssertStatusAsync(HttpStatusCode.OK);
            using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
            await ready.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await _factory.Servers.StartRedisAsync();
        }

        await _factory.WaitUntilReadyAsync();

        // The restarted Redis kept its data, so the session made before the outage is valid again.
        using var meAgain = await user.Client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
        await meAgain.AssertStatusAsync(HttpStatusCode.OK);
        using var loginAgain = await LogInAsync(user.Email);
        await loginAgain.AssertStatusAsync(HttpStatusCode.Created);

        // The 503 stored nothing under the key: the same key now places the order, and a retry replays it.
        using var placed = await PlaceOrderAsync(user, orderBody, idempotencyKey);
        await placed.AssertStatusAsync(HttpStatusCode.Created);
        using var replayed = await PlaceOrderAsync(user, orderBody, idempotencyKey);
        await replayed.AssertStatusAsync(HttpStatusCode.Created);
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"), "The retry after recovery was not a replay");
        Assert.Equal(
            (await placed.ReadJsonAsync()).GetProperty("id").GetGuid(),
            (await replayed.ReadJsonAsync()).GetProperty("id").GetGuid());
    }

    private async Task<HttpResponseMessage> LogInAsync(string email)
    {
        using var client = _factory.CreateAnonymousClient();
        return await client.PostAsJsonAsync("/api/sessions", new { email, password = ShopApiFactory.Password });
    }

    private static async Task<HttpResponseMessage> PlaceOrderAsync(TestUser user, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await user.Client.SendAsync(request);
    }
}
