using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Operations.Outages;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The concurrency limiter on changes: at most Shop:ConcurrencyLimiter:PermitLimit at once per instance, QueueLimit
/// queued, the rest 503. A change is held deterministically: the test locks an order's row, so its payment waits on that
/// lock while it holds the only permit, until the test lets go.
/// </summary>
public sealed class ConcurrencyLimiterTests : IClassFixture<OneWriteAtATimeShopApiFactory>
{
    private readonly OneWriteAtATimeShopApiFactory _factory;

    public ConcurrencyLimiterTests(OneWriteAtATimeShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_change_past_the_queue_is_503_and_changes_nothing_while_reads_still_answer()
    {
        var payer = await _factory.NewUserAsync("Held Payer");
        var other = await _factory.NewUserAsync("Turned Away");
        var productId = (await _factory.CreateProductAsync(price: 4m, stock: 5)).GetProperty("id").GetGuid();
        var orderId = (await ShopApiFactory.PlaceOrderAsync(payer, (productId, 1))).GetProperty("id").GetGuid();

        await using var held = await HeldPayment.StartAsync(_factory, orderId, () => payer.Client.PostAsJsonAsync($"/api/orders/{orderId}/payment", new { amount = 4m }));
        using (var turnedAway = await PlaceAsync(other, productId))
        {
            var problem = await turnedAway.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("waiting", problem.Str("detail"), StringComparison.Ordinal);
            Assert.Equal("1", turnedAway.Headers.GetValues("Retry-After").Single());
        }

        using (var read = await other.Client.GetAsync(new Uri($"/api/products/{productId}", UriKind.Relative)))
        {
            await read.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.False(held.Payment.IsCompleted, "The held payment finished while the test still held the order's lock");
        await held.ReleaseAsync();
        using (var paid = await held.Payment)
        {
            await paid.AssertStatusAsync(HttpStatusCode.OK);
        }

        using (var list = await other.Client.GetAsync(new Uri("/api/orders", UriKind.Relative)))
        {
            Assert.Equal(0, (await list.ReadJsonAsync()).GetProperty("totalCount").GetInt32());
        }

        using var afterwards = await PlaceAsync(other, productId);
        await afterwards.AssertStatusAsync(HttpStatusCode.Created);
    }

    internal static Task<HttpResponseMessage> PlaceAsync(TestUser user, Guid productId) =>
        user.Client.PostAsJsonAsync("/api/orders", new { items = new[] { new { productId, quantity = 1 } } });
}

/// <summary>With a queue of one, the next change waits in it and then runs; the one after it is 503.</summary>
public sealed class WriteQueueTests : IClassFixture<OneWriteQueuedShopApiFactory>
{
    private readonly OneWriteQueuedShopApiFactory _factory;

    public WriteQueueTests(OneWriteQueuedShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_queued_change_runs_once_the_change_before_it_ends()
    {
        var payer = await _factory.NewUserAsync("Held Payer");
        var second = await _factory.NewUserAsync("Second");
        var third = await _factory.NewUserAsync("Third");
        var productId = (await _factory.CreateProductAsync(price: 4m, stock: 5)).GetProperty("id").GetGuid();
        var orderId = (await ShopApiFactory.PlaceOrderAsync(payer, (productId, 1))).GetProperty("id").GetGuid();

        await using var held = await HeldPayment.StartAsync(_factory, orderId, () => payer.Client.PostAsJsonAsync($"/api/orders/{orderId}/payment", new { amount = 4m }));
        var waiting = new[] { ConcurrencyLimiterTests.PlaceAsync(second, productId), ConcurrencyLimiterTests.PlaceAsync(third, productId) };

        // One of the two takes the queue's only place; the other finds it full. Which one is up to the scheduler.
        var answeredFirst = await Task.WhenAny(waiting);
        using var turnedAway = await answeredFirst;
        await turnedAway.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        var queued = waiting.Single(request => request != answeredFirst);
        Assert.False(queued.IsCompleted, "The queued change ran while the change before it still held the only permit");
        Assert.False(held.Payment.IsCompleted, "The held payment finished while the test still held the order's lock");

        await held.ReleaseAsync();
        using (var paid = await held.Payment)
        {
            await paid.AssertStatusAsync(HttpStatusCode.OK);
        }

        using var placed = await queued;
        await placed.AssertStatusAsync(HttpStatusCode.Created);
    }
}

/// <summary>A concurrency limiter value the host cannot use stops it at start-up, naming the key.</summary>
public sealed class ConcurrencyLimiterSettingsTests
{
    [Theory]
    [InlineData("Shop__ConcurrencyLimiter__PermitLimit", "0", "Shop:ConcurrencyLimiter:PermitLimit must be a whole number from 1 to 10000")]
    [InlineData("Shop__ConcurrencyLimiter__PermitLimit", "thirty", "Shop:ConcurrencyLimiter:PermitLimit must be a whole number from 1 to 10000")]
    [InlineData("Shop__ConcurrencyLimiter__QueueLimit", "-1", "Shop:ConcurrencyLimiter:QueueLimit must be a whole number from 0")]
    [InlineData("Shop__ConcurrencyLimiter__QueueLimit", "1000001", "Shop:ConcurrencyLimiter:QueueLimit must be a whole number from 0")]
    public async Task An_unusable_value_stops_the_host_naming_the_key(string variable, string value, string message)
    {
        await UnusableSetting.AssertStopsTheHostAsync(variable, value, message);
    }
}
