using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.ScaleOut;

/// <summary>
/// api.md "Consistency when scaled out", on two instances, a real streaming replica a second behind and one Redis:
/// a client reads its own writes at once on either instance; others see them within the replica's lag.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadYourWritesTests : IClassFixture<ReplicatedHostsFactory>
{
    // How long an instance serves a cached entry from memory without hearing of a change (TwoLevelCache.MemoryLifetime,
    // 5 s, less a margin); a change that reaches another instance sooner was evicted there.
    private static readonly TimeSpan MemoryLifetime = TimeSpan.FromSeconds(4.75);

    private static readonly TimeSpan ReplayPatience = TimeSpan.FromSeconds(15);

    private readonly ReplicatedHostsFactory _hosts;

    public ReadYourWritesTests(ReplicatedHostsFactory hosts) => _hosts = hosts;

    private ShopApiFactory A => _hosts.First;

    private ShopApiFactory B => _hosts.Second;

    [Fact]
    public async Task An_order_placed_on_one_instance_is_read_at_once_on_the_other_by_id_and_in_the_list()
    {
        var product = await A.CreateProductAsync(price: 3m, stock: 10);
        var customer = await A.NewUserAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(customer, (product.Id(), 2));
        using var onB = On(B, customer);

        using var byId = await onB.GetAsync(new Uri($"/api/orders/{order.Id()}", UriKind.Relative));
        using var list = await onB.GetAsync(new Uri("/api/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal("pending", (await byId.ReadJsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(Ids(await list.ReadJsonAsync()), id => id == order.Id());
    }

    [Fact]
    public async Task A_payment_on_one_instance_shows_the_order_paid_at_once_on_the_other()
    {
        var product = await A.CreateProductAsync(price: 4m, stock: 10);
        var customer = await A.NewUserAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(customer, (product.Id(), 1));
        using var onB = On(B, customer);
        using (var paid = await onB.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 4m }))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        using var onA = await customer.Client.GetAsync(new Uri($"/api/orders/{order.Id()}", UriKind.Relative));
        using var listOnA = await customer.Client.GetAsync(new Uri("/api/orders?status=paid", UriKind.Relative));

        Assert.Equal("paid", (await onA.ReadJsonAsync()).Str("status"));
        Assert.Contains(Ids(await listOnA.ReadJsonAsync()), id => id == order.Id());
    }

    [Fact]
    public async Task A_profile_renamed_on_one_instance_reads_renamed_on_the_other()
    {
        var customer = await A.NewUserAsync("Before Rename");
        using var onB = On(B, customer);
        using (await onB.GetAsync(new Uri("/api/users/me", UriKind.Relative)))
        {
            // Warms B's memory cache with the old name.
        }

        using (var renamed = await customer.Client.PatchAsJsonAsync("/api/users/me", new { name = "After Rename" }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        using var me = await onB.GetAsync(new Uri("/api/users/me", UriKind.Relative));
        Assert.Equal("After Rename", (await me.ReadJsonAsync()).Str("name"));
    }

    [Fact]
    public async Task An_admins_new_product_shows_in_its_own_search_at_once_but_in_others_only_after_the_replica_lag()
    {
        var name = $"Lagging {Guid.NewGuid():N}";
        var admin = await A.AdminAsync();
        using var adminOnB = On(B, admin);
        using var anonymousOnB = B.CreateAnonymousClient();
        await A.CreateProductAsync(name: name, price: 6m, stock: 3);

        using var own = await adminOnB.GetAsync(new Uri($"/api/products?search={name}", UriKind.Relative));
        using var others = await anonymousOnB.GetAsync(new Uri($"/api/products?search={name}", UriKind.Relative));

        Assert.Single(Items(await own.ReadJsonAsync()));
        // The replica is a second behind: an anonymous search is served by it and does not see the product yet.
        Assert.Empty(Items(await others.ReadJsonAsync()));
        // Waits for the replica to replay the product: a second late, later on a busy machine.
        var later = await EventuallyAsync(anonymousOnB, $"/api/products?search={name}", page => Items(page).Count == 1, ReplayPatience);
        Assert.Single(Items(later));
    }

    [Fact]
    public async Task An_admins_price_and_stock_change_on_one_instance_reads_changed_on_the_other_by_id_for_everyone_and_in_its_own_search()
    {
        var name = $"Repriced {Guid.NewGuid():N}";
        var product = await A.CreateProductAsync(name: name, price: 6m, stock: 3);
        await _hosts.Replication.WaitForReplayAsync(ReplayPatience);
        var admin = await A.AdminAsync();
        using var anonymousOnB = B.CreateAnonymousClient();
        using (var warm = await anonymousOnB.GetAsync(new Uri($"/api/products/{product.Id()}", UriKind.Relative)))
        {
            // Warms B's memory cache.
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var sinceWarmedOnB = DateTime.UtcNow;

        using (var repriced = await admin.Client.PutAsJsonAsync($"/api/products/{product.Id()}", new { name, price = 7.5m }))
        {
            Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        }

        using (var restocked = await admin.Client.PostAsJsonAsync($"/api/products/{product.Id()}/stock", new { delta = 5 }))
        {
            Assert.Equal(HttpStatusCode.OK, restocked.StatusCode);
        }

        // A bound, not a wait: B's memory would drop the old entry by itself once its lifetime is over.
        var read = await EventuallyAsync(
            anonymousOnB, $"/api/products/{product.Id()}", body => body.Money("price") == 7.5m, sinceWarmedOnB + MemoryLifetime - DateTime.UtcNow);
        using var adminOnB = On(B, admin);
        using var search = await adminOnB.GetAsync(new Uri($"/api/products?search={name}", UriKind.Relative));

        Assert.Equal(7.5m, read.Money("price"));
        Assert.Equal(8, read.Int("stock"));
        var found = Assert.Single(Items(await search.ReadJsonAsync()));
        Assert.Equal(7.5m, found.Money("price"));
        Assert.Equal(8, found.Int("stock"));
    }

    [Fact]
    public async Task With_the_replica_caught_up_readiness_is_healthy()
    {
        await _hosts.Replication.WaitForReplayAsync(TimeSpan.FromSeconds(10));
        using var client = B.CreateAnonymousClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient client, string url, Func<JsonElement, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var body = await response.ReadJsonAsync();
            if (done(body) || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(20);
        }
    }

    private static HttpClient On(ShopApiFactory host, TestUser user)
    {
        var client = host.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return client;
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static IEnumerable<Guid> Ids(JsonElement page) => Items(page).Select(item => item.Id());
}
