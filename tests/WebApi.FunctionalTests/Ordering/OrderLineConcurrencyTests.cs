using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>Requests that change one order at the same time see each other's committed lines.</summary>
public class OrderLineConcurrencyTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public OrderLineConcurrencyTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Simultaneous_additions_to_one_order_keep_every_line_and_a_total_equal_to_their_sum()
    {
        var customer = await _factory.NewUserAsync();
        var first = await _factory.CreateProductAsync(price: 1.25m, stock: 100);
        var order = await ShopApiFactory.PlaceOrderAsync(customer, (first.Id(), 1));
        var products = new List<JsonElement>();
        for (var i = 0; i < 10; i++)
        {
            products.Add(await _factory.CreateProductAsync(price: 10m + i, stock: 100));
        }

        var statuses = await AllAtOnceAsync(products.Select(product => (Func<Task<HttpStatusCode>>)(async () =>
        {
            using var response = await customer.Client.PostAsJsonAsync(
                $"/api/orders/{order.Id()}/items", new { productId = product.Id(), quantity = 2 });
            return response.StatusCode;
        })));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        using var reread = await customer.Client.GetAsync($"/api/orders/{order.Id()}");
        var final = await reread.ReadJsonAsync();
        var items = final.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(11, items.Count);
        Assert.Equal(items.Sum(item => item.Money("subtotal")), final.Money("total"));
        Assert.Equal(1.25m + (2 * Enumerable.Range(0, 10).Sum(i => 10m + i)), final.Money("total"));
    }

    [Fact]
    public async Task A_payment_racing_an_added_line_either_takes_the_stock_of_every_paid_line_or_is_refused()
    {
        var customer = await _factory.NewUserAsync();
        var kept = await _factory.CreateProductAsync(price: 5m, stock: 50);
        var added = await _factory.CreateProductAsync(price: 7m, stock: 50);
        var order = await ShopApiFactory.PlaceOrderAsync(customer, (kept.Id(), 1));

        // The payment offers the total the order will have after the addition: it is right only if it
        // runs after the addition, and then it must take the added line's stock too.
        var results = await AllAtOnceAsync(
        [
            async () =>
            {
                using var response = await customer.Client.PostAsJsonAsync(
                    $"/api/orders/{order.Id()}/items", new { productId = added.Id(), quantity = 2 });
                return response.StatusCode;
            },
            async () =>
            {
                using var response = await customer.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 19m });
                return response.StatusCode;
            },
        ]);

        using var reread = await customer.Client.GetAsync($"/api/orders/{order.Id()}");
        var final = await reread.ReadJsonAsync();
        var addedStock = (await _factory.GetProductAsync(added.Id())).GetProperty("stock").GetInt32();

        // Whichever ran first, the addition succeeds (a payment of 19 can only succeed after it) and its line is kept.
        Assert.Equal(HttpStatusCode.OK, results[0]);
        var lines = final.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        var addedLine = Assert.Single(lines, line => line.GetProperty("productId").GetGuid() == added.Id());
        Assert.Equal(2, addedLine.Int("quantity"));
        Assert.Equal("7.00", addedLine.RawMoney("unitPrice"));
        Assert.Equal("14.00", addedLine.RawMoney("subtotal"));
        Assert.Equal(19m, final.Money("total"));
        if (results[1] == HttpStatusCode.OK)
        {
            Assert.Equal("paid", final.Str("status"));
            Assert.Equal(48, addedStock);
        }
        else
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, results[1]);
            Assert.Equal("pending", final.Str("status"));
            Assert.Equal(50, addedStock);
        }
    }

    private static async Task<HttpStatusCode[]> AllAtOnceAsync(IEnumerable<Func<Task<HttpStatusCode>>> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = requests.Select(async request =>
        {
            await gate.Task;
            return await request();
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }
}
