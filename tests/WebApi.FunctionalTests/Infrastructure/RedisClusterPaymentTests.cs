using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;
using StackExchange.Redis;

namespace Shop.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The host with ConnectionStrings:Redis listing the three masters of a Redis Cluster: the post-commit removal of
/// cached products whose keys live on different masters neither fails the payment nor leaves stale stock.
/// </summary>
public sealed class RedisClusterPaymentTests : IClassFixture<RedisClusterPaymentTests.ClusterShopApiFactory>
{
    private readonly ClusterShopApiFactory _factory;

    public RedisClusterPaymentTests(ClusterShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Paying_for_two_products_cached_on_different_masters_answers_200_and_both_show_the_new_stock()
    {
        var (first, second) = await TwoProductsCachedOnDifferentMastersAsync();
        var user = await _factory.CustomerAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (first.Id(), 2), (second.Id(), 3));

        using var pay = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = order.Money("total") });

        Assert.True(pay.StatusCode == HttpStatusCode.OK, $"payment answered {(int)pay.StatusCode}: {await pay.Content.ReadAsStringAsync()}");
        Assert.Equal(8, (await _factory.GetProductAsync(first.Id())).Int("stock"));
        Assert.Equal(7, (await _factory.GetProductAsync(second.Id())).Int("stock"));
    }

    /// <summary>Products created and read once (so cached) until two of them have keys on different masters.</summary>
    private async Task<(JsonElement First, JsonElement Second)> TwoProductsCachedOnDifferentMastersAsync()
    {
        var cluster = await LocalRedisCluster.GetAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString + ",allowAdmin=true");
        var seen = new List<(JsonElement Product, string Owner)>();
        for (var created = 0; created < 30; created++)
        {
            var product = await _factory.CreateProductAsync(price: 1m, stock: 10);
            var key = $"cache:product:{product.Id()}";
            Assert.Equal(10, (await _factory.GetProductAsync(product.Id())).Int("stock"));
            Assert.True(await admin.GetDatabase().KeyExistsAsync(key), $"{key} was not cached");
            var slot = (int)await admin.GetServers()[0].ExecuteAsync("CLUSTER", "KEYSLOT", key);
            var owner = admin.GetServers()[0].ClusterConfiguration?.GetBySlot(slot)?.EndPoint?.ToString()
                ?? throw new InvalidOperationException($"The cluster map has no owner for slot {slot}.");
            if (seen.Find(other => !string.Equals(other.Owner, owner, StringComparison.Ordinal)) is { Product.ValueKind: not JsonValueKind.Undefined } match)
            {
                return (match.Product, product);
            }

            seen.Add((product, owner));
        }

        throw new InvalidOperationException("Thirty product keys all hashed to one master: is the cluster really three masters?");
    }

    /// <summary>The shared factory's host, with the cluster as its Redis.</summary>
    public sealed class ClusterShopApiFactory : ShopApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            base.ConfigureWebHost(builder);
            // The host is built inside InitializeAsync, synchronously; the cluster starts on the thread pool.
            var cluster = LocalRedisCluster.GetAsync().GetAwaiter().GetResult();
            builder.UseSetting("ConnectionStrings:Redis", cluster.ConnectionString);
        }
    }
}
