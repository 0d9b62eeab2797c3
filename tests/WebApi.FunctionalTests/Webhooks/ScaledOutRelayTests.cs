using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// Relays on several instances of one deployment: they never deliver an event twice to a subscription when nothing
/// fails, and a commit on an instance without a relay wakes the others' through Redis.
/// </summary>
public sealed class ScaledOutRelayTests : IClassFixture<ScaledOutRelayTests.ThreeHosts>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ThreeHosts _hosts;

    public ScaledOutRelayTests(ThreeHosts hosts) => _hosts = hosts;

    [Fact]
    public async Task Two_relays_deliver_each_of_50_events_to_each_subscription_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var first = await Support.Webhooks.SubscribeAsync(_hosts.First, receiver.Url("/first"), "product.created");
        var second = await Support.Webhooks.SubscribeAsync(_hosts.First, receiver.Url("/second"), "product.created");

        // Created on both relaying instances, a few at a time, so that both relays are woken while the other works.
        var products = new List<Guid>();
        foreach (var chunk in Enumerable.Range(0, 50).Chunk(5))
        {
            products.AddRange(await Task.WhenAll(chunk.Select(n => CreateProductOnAsync(n % 2 == 0 ? _hosts.First : _hosts.Second))));
        }

        await receiver.WaitForAsync(all => all.Count >= 100, Patience, "50 events to each of two subscriptions");
        await Task.Delay(TimeSpan.FromSeconds(1));

        foreach (var path in new[] { "/first", "/second" })
        {
            var received = receiver.On(path);
            Assert.Equal(50, received.Count);
            Assert.Equal(50, received.Select(r => r.WebhookId).Distinct().Count());
            Assert.Equal(products.Order(), received.Select(r => r.ResourceId).Order());
        }

        foreach (var subscription in new[] { first, second })
        {
            Assert.All(await Support.Webhooks.DeliveriesAsync(_hosts.First, subscription.Id), row => Assert.Equal(("delivered", 1), (row.State, row.Attempts)));
            await Support.Webhooks.UnsubscribeAsync(_hosts.First, subscription.Id);
        }
    }

    [Fact]
    public async Task A_commit_on_an_instance_without_a_relay_wakes_the_other_instances_relays_through_Redis()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await Support.Webhooks.SubscribeAsync(_hosts.First, receiver.Url("/woken"), "product.created");
        var clock = Stopwatch.StartNew();

        await CreateProductOnAsync(_hosts.WithoutRelay);

        await receiver.WaitForAsync(all => all.Count > 0, Patience, "the delivery");
        // The relays poll once a minute; their own instance committed nothing.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Delivered after {clock.Elapsed}.");
        await Support.Webhooks.UnsubscribeAsync(_hosts.First, subscription.Id);
    }

    // As the administrator, whose session every instance knows (Redis), on the given instance.
    private async Task<Guid> CreateProductOnAsync(ShopApiFactory host)
    {
        var admin = await _hosts.First.AdminAsync();
        using var client = host.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        using var response = await client.PostAsJsonAsync("/api/products", new { name = $"Product {Guid.NewGuid():N}", price = 5m, stock = 10 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Two relaying instances and one that relays nothing, on one database and one Redis database.</summary>
    public sealed class ThreeHosts : IAsyncLifetime
    {
        public ShopApiFactory First { get; } = ShopApiFactory.Create(null, WebhookShopApiFactory.RelaySettings(WebhookShopApiFactory.Retries));

        public ShopApiFactory Second { get; private set; } = null!;

        public ShopApiFactory WithoutRelay { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await First.InitializeAsync();
            Second = ShopApiFactory.Create(First, WebhookShopApiFactory.RelaySettings(WebhookShopApiFactory.Retries));
            WithoutRelay = ShopApiFactory.Create(First, WebhookShopApiFactory.RelaySettings(WebhookShopApiFactory.Retries, relayEnabled: false));
            await Second.InitializeAsync();
            await WithoutRelay.InitializeAsync();
            // Start both relays before any test commits.
            _ = First.Server;
            _ = Second.Server;
        }

        public async Task DisposeAsync()
        {
            await ((IAsyncLifetime)WithoutRelay).DisposeAsync();
            await ((IAsyncLifetime)Second).DisposeAsync();
            await ((IAsyncLifetime)First).DisposeAsync();
        }
    }
}
