using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Ordering;

/// <summary>Pending orders expire (Shop:Orders:PendingExpiry, 24 hours by default): time is moved on the host's fake clock.</summary>
public static class OrderExpiry
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);

    public static async Task<(TestUser User, JsonElement Order, JsonElement Product)> PendingOrderAsync(ShopApiFactory factory)
    {
        var product = await factory.CreateProductAsync(price: 3m, stock: 50);
        var user = await factory.NewUserAsync();
        return (user, await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 2)), product);
    }

    public static async Task<JsonElement> GetAsync(TestUser user, JsonElement order)
    {
        using var response = await user.Client.GetAsync($"/api/orders/{order.Id()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static Task<HttpResponseMessage> PayAsync(TestUser user, JsonElement order) =>
        user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = order.Money("total") });
}

/// <summary>The sweep cancels an expired pending order; a paid or fresh one it leaves.</summary>
public sealed class OrderExpirySweepTests : IClassFixture<FakeClockShopApiFactory>
{
    /// <summary>Only a guard against waiting forever for the background sweep: nothing here is timed.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly FakeClockShopApiFactory _factory;

    public OrderExpirySweepTests(FakeClockShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task An_expired_pending_order_is_cancelled_by_the_sweep_and_then_cannot_be_paid()
    {
        var (user, expiring, product) = await OrderExpiry.PendingOrderAsync(_factory);
        var paid = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        using (var payment = await OrderExpiry.PayAsync(user, paid))
        {
            Assert.Equal(HttpStatusCode.OK, payment.StatusCode);
        }

        var stock = (await _factory.GetProductAsync(product.Id())).Int("stock");

        _factory.Clock.Advance(OrderExpiry.Default);
        var fresh = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        var cancelled = await SweptAsync(user, expiring);

        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal(expiring.RawMoney("total"), cancelled.RawMoney("total"));
        using var refused = await OrderExpiry.PayAsync(user, expiring);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("cancelled", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("paid", (await OrderExpiry.GetAsync(user, paid)).Str("status"));
        Assert.Equal("pending", (await OrderExpiry.GetAsync(user, fresh)).Str("status"));
        // Only a payment takes stock: cancelling a pending order gives none back.
        Assert.Equal(stock, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    /// <summary>
    /// The order once the host's sweep has cancelled it: the clock moves on one sweep interval at a time, so that
    /// the sweep's timer fires however far its first wait had got.
    /// </summary>
    private async Task<JsonElement> SweptAsync(TestUser user, JsonElement order)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (true)
        {
            var current = await OrderExpiry.GetAsync(user, order);
            if (current.Str("status") != "pending")
            {
                return current;
            }

            _factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
        }
    }
}

/// <summary>An order past its expiry is refused although the sweep has not cancelled it yet.</summary>
public sealed class ExpiredOrderRefusalTests : IClassFixture<NoExpirySweepShopApiFactory>
{
    private readonly NoExpirySweepShopApiFactory _factory;

    public ExpiredOrderRefusalTests(NoExpirySweepShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Paying_or_adding_to_an_expired_order_is_409_expired_and_changes_nothing()
    {
        var (user, order, product) = await OrderExpiry.PendingOrderAsync(_factory);
        var stock = (await _factory.GetProductAsync(product.Id())).Int("stock");

        _factory.Clock.Advance(OrderExpiry.Default);
        using var payment = await OrderExpiry.PayAsync(user, order);
        using var added = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/items", new { productId = product.Id(), quantity = 1 });

        foreach (var refused in new[] { payment, added })
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("expired unpaid", problem.Str("detail"), StringComparison.Ordinal);
        }

        var unchanged = await OrderExpiry.GetAsync(user, order);
        Assert.Equal("pending", unchanged.Str("status"));
        Assert.Equal(order.GetProperty("items").GetRawText(), unchanged.GetProperty("items").GetRawText());
        Assert.Equal(stock, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    [Fact]
    public async Task An_order_just_short_of_its_expiry_can_still_be_paid()
    {
        var (user, order, _) = await OrderExpiry.PendingOrderAsync(_factory);

        _factory.Clock.Advance(OrderExpiry.Default - TimeSpan.FromSeconds(1));
        using var payment = await OrderExpiry.PayAsync(user, order);

        Assert.Equal(HttpStatusCode.OK, payment.StatusCode);
    }
}
