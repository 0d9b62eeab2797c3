using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// For one subscription, one resource's events arrive in commit order: a later one waits while an earlier one is
/// retried, and other resources' events do not wait for it.
/// </summary>
public sealed class DeliveryOrderTests : IClassFixture<PatientWebhookShopApiFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly PatientWebhookShopApiFactory _factory;
    private WebhookReceiver _receiver = null!;

    public DeliveryOrderTests(PatientWebhookShopApiFactory factory) => _factory = factory;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task While_an_orders_first_event_is_retried_its_later_events_wait_and_other_resources_events_are_delivered()
    {
        var held = (await _factory.CreateProductAsync(price: 3m)).GetProperty("id").GetGuid();
        var other = (await _factory.CreateProductAsync(price: 4m)).GetProperty("id").GetGuid();
        var released = false;
        // Order A is the one placed with the held product: its order.placed fails until the test releases it.
        _receiver.Answer = (request, _) =>
            !Volatile.Read(ref released) && request.Type == "order.placed" && request.Body.Contains(held.ToString(), StringComparison.Ordinal) ? 500 : 200;
        await Support.Webhooks.SubscribeAsync(_factory, _receiver.Url("/all"), "*");
        var customer = await _factory.NewUserAsync();

        var orderA = (await ShopApiFactory.PlaceOrderAsync(customer, (held, 1))).GetProperty("id").GetGuid();
        await _receiver.WaitForAsync(all => all.Count(r => r.Type == "order.placed") >= 2, Patience, "order A's order.placed to be retried");
        using (var added = await customer.Client.PostAsJsonAsync($"/api/orders/{orderA}/items", new { productId = other, quantity = 2 }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var orderB = (await ShopApiFactory.PlaceOrderAsync(customer, (other, 1))).GetProperty("id").GetGuid();
        var later = (await _factory.CreateProductAsync()).GetProperty("id").GetGuid();
        await _receiver.WaitForAsync(
            all => all.Any(r => r.Type == "order.placed" && r.ResourceId == orderB) && all.Any(r => r.Type == "product.created" && r.ResourceId == later),
            Patience,
            "order B's and the new product's events while order A's first is retried");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(_receiver.Received, r => r.Type == "order.item_added");
        Assert.True(_receiver.Received.Count(r => r.Type == "order.placed" && r.ResourceId == orderA) >= 3, "A's order.placed was retried meanwhile");

        Volatile.Write(ref released, true);
        await _receiver.WaitForAsync(all => all.Any(r => r.Type == "order.item_added"), Patience, "order A's order.item_added");

        var ofA = _receiver.Received.Where(r => r.ResourceId == orderA).ToList();
        var firstSuccess = ofA.FindLastIndex(r => r.Type == "order.placed");
        Assert.Equal(["order.placed", "order.item_added"], ofA.Skip(firstSuccess).Select(r => r.Type));
        Assert.All(ofA.Take(firstSuccess), r => Assert.Equal("order.placed", r.Type));
        Assert.Single(ofA, r => r.Type == "order.item_added");
    }
}
