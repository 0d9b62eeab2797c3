using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.ScaleOut;

/// <summary>
/// Search pages kept in each instance's memory: a product created, changed or sold on one instance shows in a page
/// the other instance had cached, once its eviction message arrives (published before the change's response). Each
/// test first shows that the other instance keeps its page: a change made behind the shop's back does not show.
/// They run alone: any product change of a test running beside them would end the search generation.
/// </summary>
[Collection(SearchGenerationGroup.Name)]
public sealed class SearchPageCacheTests : IClassFixture<TwoHostsFactory>
{
    // Far below the 5 s the other instance's memory would otherwise keep the page.
    private static readonly TimeSpan MessageDelivery = TimeSpan.FromSeconds(1);

    private readonly TwoHostsFactory _hosts;

    public SearchPageCacheTests(TwoHostsFactory hosts) => _hosts = hosts;

    private ShopApiFactory A => _hosts.First;

    private ShopApiFactory B => _hosts.Second;

    [Fact]
    public async Task A_price_change_on_one_instance_shows_in_the_page_the_other_had_cached()
    {
        var name = $"Cached search {Guid.NewGuid():N}";
        var product = await A.CreateProductAsync(name: name, price: 4m, stock: 3);
        using var onB = B.CreateAnonymousClient();
        Assert.Equal(4m, Assert.Single(await SearchAsync(onB, name)).Money("price"));
        await AssertKeptAsync(onB, name, product.Id());
        var admin = await A.AdminAsync();

        using (var repriced = await admin.Client.PutAsJsonAsync($"/api/products/{product.Id()}", new { name, price = 4.5m }))
        {
            Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        }

        var page = await EventuallyAsync(onB, name, items => items is [var only] && only.Money("price") == 4.5m);
        Assert.Equal(4.5m, Assert.Single(page).Money("price"));
    }

    [Fact]
    public async Task A_product_created_on_one_instance_joins_the_page_the_other_had_cached()
    {
        var term = $"Joining {Guid.NewGuid():N}";
        var first = await A.CreateProductAsync(name: $"{term} first", price: 1m, stock: 1);
        using var onB = B.CreateAnonymousClient();
        Assert.Single(await SearchAsync(onB, term));
        await AssertKeptAsync(onB, term, first.Id());

        await A.CreateProductAsync(name: $"{term} second", price: 2m, stock: 1);

        var page = await EventuallyAsync(onB, term, items => items.Count == 2);
        Assert.Equal([$"{term} first", $"{term} second"], page.Select(item => item.Str("name")));
    }

    [Fact]
    public async Task A_payment_on_one_instance_shows_the_stock_it_took_in_the_page_the_other_had_cached()
    {
        var name = $"Sold out {Guid.NewGuid():N}";
        var product = await A.CreateProductAsync(name: name, price: 3m, stock: 1);
        using var onB = B.CreateAnonymousClient();
        var before = Assert.Single(await SearchAsync(onB, name));
        Assert.True(before.GetProperty("isAvailable").GetBoolean());
        await AssertKeptAsync(onB, name, product.Id());
        var buyer = await A.NewUserAsync("Last Buyer");
        var order = await ShopApiFactory.PlaceOrderAsync(buyer, (product.Id(), 1));

        using (var paid = await buyer.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 3m }))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        var page = await EventuallyAsync(onB, name, items => items is [var only] && only.Int("stock") == 0);
        var after = Assert.Single(page);
        Assert.Equal(0, after.Int("stock"));
        Assert.False(after.GetProperty("isAvailable").GetBoolean());
    }

    /// <summary>Changes the product's description in the database only: the instance's kept page must not show it.</summary>
    private async Task AssertKeptAsync(HttpClient client, string term, Guid productId)
    {
        await using (var connection = new NpgsqlConnection(A.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var change = new NpgsqlCommand("UPDATE products SET description = 'changed behind the shop' WHERE id = $1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = productId } },
            };
            Assert.Equal(1, await change.ExecuteNonQueryAsync());
        }

        var kept = Assert.Single(await SearchAsync(client, term), item => item.Id() == productId);
        Assert.NotEqual("changed behind the shop", kept.GetProperty("description").GetString());
    }

    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string term)
    {
        using var response = await client.GetAsync(new Uri($"/api/products?search={Uri.EscapeDataString(term)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    private static async Task<List<JsonElement>> EventuallyAsync(HttpClient client, string term, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + MessageDelivery;
        while (true)
        {
            var items = await SearchAsync(client, term);
            if (done(items) || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(20);
        }
    }
}
