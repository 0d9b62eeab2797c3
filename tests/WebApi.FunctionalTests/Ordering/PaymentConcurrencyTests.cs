using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>Many payments at once against little stock: no overselling, no deadlock, refusals change nothing.</summary>
public class PaymentConcurrencyTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public PaymentConcurrencyTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Twenty_four_simultaneous_payments_for_a_stock_of_ten_sell_exactly_ten()
    {
        var product = await _factory.CreateProductAsync(price: 9.99m, stock: 10);
        var users = await _factory.UserPoolAsync(12);
        var orders = await PlaceAsync(users.SelectMany(user => new[] { user, user }), _ => [(product.Id(), 1)]);

        var results = await PayAllAtOnceAsync(orders);

        Assert.All(results, result => Assert.True(
            result.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Unexpected {(int)result.Status}: {result.Body}"));
        Assert.Equal(10, results.Count(result => result.Status == HttpStatusCode.OK));
        Assert.Equal(14, results.Count(result => result.Status == HttpStatusCode.Conflict));
        Assert.Equal(0, (await _factory.GetProductAsync(product.Id())).Int("stock"));
        await AssertStatusesAsync(results);
    }

    [Fact]
    public async Task Simultaneous_payments_of_orders_holding_two_products_in_either_order_complete_without_deadlock()
    {
        var first = await _factory.CreateProductAsync(price: 1.5m, stock: 7);
        var second = await _factory.CreateProductAsync(price: 2.25m, stock: 12);
        var users = await _factory.UserPoolAsync(10);
        var orders = await PlaceAsync(
            users.SelectMany(user => new[] { user, user }),
            index => index % 2 == 0 ? [(first.Id(), 1), (second.Id(), 1)] : [(second.Id(), 1), (first.Id(), 1)]);

        var results = await PayAllAtOnceAsync(orders);

        Assert.All(results, result => Assert.True(
            result.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Unexpected {(int)result.Status}: {result.Body}"));
        Assert.Equal(7, results.Count(result => result.Status == HttpStatusCode.OK));
        Assert.Equal(0, (await _factory.GetProductAsync(first.Id())).Int("stock"));
        Assert.Equal(5, (await _factory.GetProductAsync(second.Id())).Int("stock"));
        await AssertStatusesAsync(results);
    }

    [Fact]
    public async Task Simultaneous_payments_of_mixed_quantities_never_take_more_than_the_stock()
    {
        var product = await _factory.CreateProductAsync(price: 1m, stock: 10);
        var users = await _factory.UserPoolAsync(10);
        var orders = await PlaceAsync(users.SelectMany(user => new[] { user, user }), index => [(product.Id(), 1 + (index % 3))]);

        var results = await PayAllAtOnceAsync(orders);

        Assert.All(results, result => Assert.True(
            result.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Unexpected {(int)result.Status}: {result.Body}"));
        var sold = results.Where(result => result.Status == HttpStatusCode.OK).Sum(result => Quantity(result.Order));
        var left = (await _factory.GetProductAsync(product.Id())).Int("stock");
        Assert.InRange(left, 0, 10);
        Assert.Equal(10 - sold, left);

        // The stock only went down, so every refused order still asks for more than what is left.
        Assert.All(results.Where(result => result.Status == HttpStatusCode.Conflict), result => Assert.True(Quantity(result.Order) > left));
        await AssertStatusesAsync(results);
    }

    [Fact]
    public async Task Many_simultaneous_pairs_of_payments_over_two_products_in_opposite_line_orders_neither_deadlock_nor_oversell()
    {
        var first = await _factory.CreateProductAsync(price: 1m, stock: 25);
        var second = await _factory.CreateProductAsync(price: 2m, stock: 70);
        var users = await _factory.UserPoolAsync(20);
        // Each pair: one order lists the first product first, the other the second first; 40 orders want
        // 40 of the first (25 there) and 80 of the second (70 there), so refusals happen under contention.
        var orders = await PlaceAsync(
            users.SelectMany(user => new[] { user, user }),
            index => index % 2 == 0 ? [(first.Id(), 1), (second.Id(), 2)] : [(second.Id(), 2), (first.Id(), 1)]);

        var results = await PayAllAtOnceAsync(orders);

        Assert.All(results, result => Assert.True(
            result.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Unexpected {(int)result.Status}: {result.Body}"));
        var paid = results.Count(result => result.Status == HttpStatusCode.OK);
        Assert.Equal(25, paid);
        Assert.Equal(0, (await _factory.GetProductAsync(first.Id())).Int("stock"));
        Assert.Equal(70 - (2 * paid), (await _factory.GetProductAsync(second.Id())).Int("stock"));
        await AssertStatusesAsync(results);
    }

    [Fact]
    public async Task A_payment_whose_second_line_lacks_stock_takes_nothing_from_the_first()
    {
        var products = new[]
        {
            await _factory.CreateProductAsync(price: 3m, stock: 10),
            await _factory.CreateProductAsync(price: 4m, stock: 10),
        }.OrderBy(product => product.Id().ToString(), StringComparer.Ordinal).ToArray();
        var (first, second) = (products[0].Id(), products[1].Id()); // in the order the payment takes their stock
        var customer = await _factory.NewUserAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(customer, (first, 2), (second, 3));
        var admin = await _factory.AdminAsync();
        using (var adjusted = await admin.Client.PostAsJsonAsync($"/api/products/{second}/stock", new { delta = -8 }))
        {
            Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        }

        using var payment = await customer.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 18m });

        var problem = await payment.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(second.ToString(), problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(10, (await _factory.GetProductAsync(first)).Int("stock"));
        Assert.Equal(2, (await _factory.GetProductAsync(second)).Int("stock"));
        using var reread = await customer.Client.GetAsync($"/api/orders/{order.Id()}");
        Assert.Equal("pending", (await reread.ReadJsonAsync()).Str("status"));
    }

    private static int Quantity(JsonElement order) => order.GetProperty("items")[0].Int("quantity");

    private static async Task<List<(TestUser User, JsonElement Order)>> PlaceAsync(
        IEnumerable<TestUser> buyers, Func<int, (Guid ProductId, int Quantity)[]> itemsOf)
    {
        var orders = new List<(TestUser, JsonElement)>();
        var index = 0;
        foreach (var buyer in buyers)
        {
            orders.Add((buyer, await ShopApiFactory.PlaceOrderAsync(buyer, itemsOf(index++))));
        }

        return orders;
    }

    private static async Task<PaymentResult[]> PayAllAtOnceAsync(List<(TestUser User, JsonElement Order)> orders)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var payments = orders.Select(async entry =>
        {
            await gate.Task;
            using var response = await entry.User.Client.PostAsJsonAsync(
                $"/api/orders/{entry.Order.Id()}/payment", new { amount = entry.Order.Money("total") });
            return new PaymentResult(entry.User, entry.Order, response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToList();

        gate.SetResult();
        var timeout = Task.Delay(TimeSpan.FromSeconds(90));
        var all = Task.WhenAll(payments);
        Assert.True(await Task.WhenAny(all, timeout) == all, "The payments did not all complete within 90 s (deadlock?).");
        return await all;
    }

    /// <summary>Paid orders are paid; refused ones are still pending, with their total unchanged.</summary>
    private static async Task AssertStatusesAsync(IEnumerable<PaymentResult> results)
    {
        foreach (var result in results)
        {
            using var response = await result.User.Client.GetAsync($"/api/orders/{result.Order.Id()}");
            var order = await response.ReadJsonAsync();
            Assert.Equal(result.Status == HttpStatusCode.OK ? "paid" : "pending", order.Str("status"));
            Assert.Equal(result.Order.RawMoney("total"), order.RawMoney("total"));
        }
    }

    private sealed record PaymentResult(TestUser User, JsonElement Order, HttpStatusCode Status, string Body);
}
