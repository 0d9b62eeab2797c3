using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Infrastructure;

/// <summary>A change removes the cached copy, so the next read shows it and fills the cache again.</summary>
public class CacheInvalidationTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public CacheInvalidationTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Updating_a_product_removes_its_cache_entry_and_the_next_read_shows_the_new_values()
    {
        var product = await _factory.CreateProductAsync("Cached name", 5m, 5);
        var key = ProductKey(product.Id());
        await _factory.GetProductAsync(product.Id());
        Assert.True(await _factory.Redis.KeyExistsAsync(key));
        var admin = await _factory.AdminAsync();

        using var update = await admin.Client.PutAsJsonAsync(
            $"/api/products/{product.Id()}", new { name = "Fresh name", description = "now described", price = 6.5m });

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.False(await _factory.Redis.KeyExistsAsync(key));
        var reread = await _factory.GetProductAsync(product.Id());
        Assert.Equal("Fresh name", reread.Str("name"));
        Assert.Equal("now described", reread.Str("description"));
        Assert.Equal("6.50", reread.RawMoney("price"));
        Assert.True(await _factory.Redis.KeyExistsAsync(key));
        Assert.Contains("Fresh name", (string)(await _factory.Redis.StringGetAsync(key))!, StringComparison.Ordinal);
        Assert.Equal("Fresh name", (await _factory.GetProductAsync(product.Id())).Str("name"));
    }

    [Fact]
    public async Task Changing_the_stock_removes_the_cache_entry_and_the_next_read_shows_the_new_stock()
    {
        var product = await _factory.CreateProductAsync(stock: 5);
        var key = ProductKey(product.Id());
        Assert.Equal(5, (await _factory.GetProductAsync(product.Id())).Int("stock"));
        Assert.True(await _factory.Redis.KeyExistsAsync(key));
        var admin = await _factory.AdminAsync();

        using var adjust = await admin.Client.PostAsJsonAsync($"/api/products/{product.Id()}/stock", new { delta = -5 });

        Assert.Equal(HttpStatusCode.OK, adjust.StatusCode);
        Assert.False(await _factory.Redis.KeyExistsAsync(key));
        var reread = await _factory.GetProductAsync(product.Id());
        Assert.Equal(0, reread.Int("stock"));
        Assert.False(reread.GetProperty("isAvailable").GetBoolean());
        Assert.True(await _factory.Redis.KeyExistsAsync(key));
    }

    [Fact]
    public async Task Deleting_a_product_removes_its_cache_entry()
    {
        var product = await _factory.CreateProductAsync();
        await _factory.GetProductAsync(product.Id());
        var admin = await _factory.AdminAsync();

        using var delete = await admin.Client.DeleteAsync($"/api/products/{product.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.False(await _factory.Redis.KeyExistsAsync(ProductKey(product.Id())));
        using var client = _factory.CreateAnonymousClient();
        using var get = await client.GetAsync($"/api/products/{product.Id()}");
        await get.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Renaming_the_user_removes_the_profile_cache_and_get_me_shows_the_new_name()
    {
        var user = await _factory.NewUserAsync("Cached Name");
        var key = $"cache:user:{user.Id}";
        using (var first = await user.Client.GetAsync("/api/users/me"))
        {
            Assert.Equal("Cached Name", (await first.ReadJsonAsync()).Str("name"));
        }

        Assert.True(await _factory.Redis.KeyExistsAsync(key));

        using var rename = await user.Client.PatchAsJsonAsync("/api/users/me", new { name = "Fresh Name" });

        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.False(await _factory.Redis.KeyExistsAsync(key));
        using var after = await user.Client.GetAsync("/api/users/me");
        Assert.Equal("Fresh Name", (await after.ReadJsonAsync()).Str("name"));
        Assert.True(await _factory.Redis.KeyExistsAsync(key));
        using var cached = await user.Client.GetAsync("/api/users/me");
        Assert.Equal("Fresh Name", (await cached.ReadJsonAsync()).Str("name"));
    }

    [Fact]
    public async Task Paying_removes_the_cache_entries_of_the_ordered_products()
    {
        var first = await _factory.CreateProductAsync(price: 1m, stock: 10);
        var second = await _factory.CreateProductAsync(price: 2m, stock: 10);
        var bystander = await _factory.CreateProductAsync(price: 3m, stock: 10);
        foreach (var product in new[] { first, second, bystander })
        {
            await _factory.GetProductAsync(product.Id());
            Assert.True(await _factory.Redis.KeyExistsAsync(ProductKey(product.Id())));
        }

        var user = await _factory.CustomerAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(user, (first.Id(), 3), (second.Id(), 4));
        Assert.True(await _factory.Redis.KeyExistsAsync(ProductKey(first.Id())));

        using var pay = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 11m });

        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        Assert.False(await _factory.Redis.KeyExistsAsync(ProductKey(first.Id())));
        Assert.False(await _factory.Redis.KeyExistsAsync(ProductKey(second.Id())));
        Assert.True(await _factory.Redis.KeyExistsAsync(ProductKey(bystander.Id())));
        Assert.Equal(7, (await _factory.GetProductAsync(first.Id())).Int("stock"));
        Assert.Equal(6, (await _factory.GetProductAsync(second.Id())).Int("stock"));
    }

    private static string ProductKey(Guid id) => $"cache:product:{id}";
}
