using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.ScaleOut;

/// <summary>
/// The anonymous product response another instance's output cache holds is evicted when the product changes on this
/// one: the eviction reaches it through the backplane. Both hosts cache responses for a minute, so nothing but that
/// eviction can end one within a test; each test first shows the other instance's response is cached (it carries an
/// <c>Age</c> header).
/// </summary>
public sealed class ProductOutputCacheTests : IClassFixture<ProductOutputCacheTests.CachingHostsFactory>
{
    // Generous for a busy machine, and still far below the minute the other instance would otherwise cache the response.
    private static readonly TimeSpan MessageDelivery = TimeSpan.FromSeconds(15);

    private readonly TwoHostsFactory _hosts;

    public ProductOutputCacheTests(CachingHostsFactory hosts) => _hosts = hosts;

    private ShopApiFactory A => _hosts.First;

    private ShopApiFactory B => _hosts.Second;

    [Fact]
    public async Task A_price_change_on_one_instance_evicts_the_response_the_other_cached()
    {
        var product = await A.CreateProductAsync(price: 5m, stock: 2);
        var admin = await A.AdminAsync();
        using var onB = B.CreateAnonymousClient();
        await AssertCachedAsync(onB, product.Id());

        using (var repriced = await admin.Client.PutAsJsonAsync($"/api/products/{product.Id()}", new { name = product.Str("name"), price = 5.5m }))
        {
            Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        }

        var read = await EventuallyAsync(onB, product.Id(), body => body.Money("price") == 5.5m);
        Assert.Equal(5.5m, read.Money("price"));
    }

    [Fact]
    public async Task A_payment_on_one_instance_evicts_the_response_the_other_cached()
    {
        var product = await A.CreateProductAsync(price: 2m, stock: 1);
        var buyer = await A.NewUserAsync("Cached Buyer");
        using var onB = B.CreateAnonymousClient();
        await AssertCachedAsync(onB, product.Id());
        var order = await ShopApiFactory.PlaceOrderAsync(buyer, (product.Id(), 1));

        using (var paid = await buyer.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 2m }))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        var read = await EventuallyAsync(onB, product.Id(), body => body.Int("stock") == 0);
        Assert.Equal(0, read.Int("stock"));
        Assert.False(read.GetProperty("isAvailable").GetBoolean());
    }

    [Fact]
    public async Task A_product_deleted_on_one_instance_is_not_found_on_the_other_that_cached_it()
    {
        var product = await A.CreateProductAsync();
        var admin = await A.AdminAsync();
        using var onB = B.CreateAnonymousClient();
        await AssertCachedAsync(onB, product.Id());

        using (var deleted = await admin.Client.DeleteAsync(new Uri($"/api/products/{product.Id()}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var read = await EventuallyAsync(onB, product.Id(), (status, _) => status == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, read.Status);
    }

    private static async Task AssertCachedAsync(HttpClient client, Guid product)
    {
        using (var first = await client.GetAsync(new Uri($"/api/products/{product}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await client.GetAsync(new Uri($"/api/products/{product}", UriKind.Relative));
        Assert.True(second.Headers.Contains("Age"), "the other instance did not cache the response");
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient client, Guid product, Func<JsonElement, bool> done)
    {
        var (_, body) = await EventuallyAsync(client, product, (status, read) =>
        {
            Assert.Equal(HttpStatusCode.OK, status);
            return done(read!.Value);
        });
        return body!.Value;
    }

    // Reads the product until done or MessageDelivery has passed; gives the last answer's status and body (OK only).
    private static async Task<(HttpStatusCode Status, JsonElement? Body)> EventuallyAsync(
        HttpClient client, Guid product, Func<HttpStatusCode, JsonElement?, bool> done)
    {
        var deadline = DateTime.UtcNow + MessageDelivery;
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"/api/products/{product}", UriKind.Relative));
            JsonElement? body = response.StatusCode == HttpStatusCode.OK ? await response.ReadJsonAsync() : null;
            if (done(response.StatusCode, body) || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Two instances that cache anonymous product responses for a minute.</summary>
    public sealed class CachingHostsFactory : TwoHostsFactory
    {
        public CachingHostsFactory()
            : base(new Dictionary<string, string?> { ["Shop:OutputCache:ProductExpiration"] = OutputCachingShopApiFactory.LongExpiration })
        {
        }
    }
}
