using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>Broken object-level authorization: another user's order does not exist for the caller.</summary>
public class OrderAccessTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public OrderAccessTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Another_users_order_is_404_for_every_route_and_stays_unchanged()
    {
        var product = await _factory.CreateProductAsync(price: 6m, stock: 10);
        var owner = await _factory.NewUserAsync("Owner");
        var intruder = await _factory.NewUserAsync("Intruder");
        var order = await ShopApiFactory.PlaceOrderAsync(owner, (product.Id(), 2));
        using var before = await owner.Client.GetAsync($"/api/orders/{order.Id()}");
        var original = await before.Content.ReadAsStringAsync();

        using var get = await intruder.Client.GetAsync($"/api/orders/{order.Id()}");
        using var add = await intruder.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/items", new { productId = product.Id(), quantity = 1 });
        using var pay = await intruder.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 12m });
        using var payWithKey = await PayWithIdempotencyKeyAsync(intruder, order.Id());
        using var cancel = await intruder.Client.PostAsync($"/api/orders/{order.Id()}/cancel", null);

        using var missing = await intruder.Client.GetAsync($"/api/orders/{Guid.NewGuid()}");
        var unknown = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        foreach (var response in new[] { get, add, pay, payWithKey, cancel })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(unknown.Str("title"), problem.Str("title"));
        }

        using var after = await owner.Client.GetAsync($"/api/orders/{order.Id()}");
        Assert.Equal(original, await after.Content.ReadAsStringAsync());
        Assert.Equal(10, (await _factory.GetProductAsync(product.Id())).Int("stock"));

        // The owner can still do everything the intruder could not.
        using var ownerPays = await owner.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 12m });
        Assert.Equal(HttpStatusCode.OK, ownerPays.StatusCode);
    }

    [Fact]
    public async Task The_order_list_shows_only_the_callers_orders()
    {
        var product = await _factory.CreateProductAsync(stock: 10);
        var alice = await _factory.NewUserAsync("Alice");
        var bob = await _factory.NewUserAsync("Bob");
        var alicesOrder = await ShopApiFactory.PlaceOrderAsync(alice, (product.Id(), 1));
        var bobsOrder = await ShopApiFactory.PlaceOrderAsync(bob, (product.Id(), 1));

        using var bobsList = await bob.Client.GetAsync("/api/orders?pageSize=100");
        using var bobsPending = await bob.Client.GetAsync("/api/orders?status=pending");

        var page = await bobsList.ReadJsonAsync();
        Assert.Equal(1, page.Int("totalCount"));
        Assert.Equal(bobsOrder.Id(), Assert.Single(page.GetProperty("items").EnumerateArray()).Id());
        var pending = await bobsPending.ReadJsonAsync();
        Assert.DoesNotContain(pending.GetProperty("items").EnumerateArray(), order => order.Id() == alicesOrder.Id());
        Assert.Equal(1, pending.Int("totalCount"));
    }

    private static async Task<HttpResponseMessage> PayWithIdempotencyKeyAsync(TestUser user, Guid orderId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/payment")
        {
            Content = JsonContent.Create(new { amount = 12m }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await user.Client.SendAsync(request);
    }
}
