using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// The address a delivery connects to is checked when it connects (DNS can change after the registration): with
/// Shop:Webhooks:AllowPrivateNetworks false, a receiver on loopback is never reached and the attempt fails like a
/// refused connection.
/// </summary>
public sealed class DeliveryAddressTests : IClassFixture<PublicOnlyWebhookShopApiFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly PublicOnlyWebhookShopApiFactory _factory;
    private WebhookReceiver _receiver = null!;

    public DeliveryAddressTests(PublicOnlyWebhookShopApiFactory factory) => _factory = factory;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_delivery_to_a_loopback_receiver_is_never_connected_and_records_failed_attempts(string host)
    {
        var url = new UriBuilder(_receiver.Url("/inside")) { Host = host }.Uri;
        // Stored directly, as if the name had resolved to a public address at registration.
        var subscription = await Support.Webhooks.SubscribeAsync(_factory, url, "product.created");

        await _factory.CreateProductAsync();

        var rows = await Support.Webhooks.WaitForDeliveriesAsync(
            _factory, subscription.Id, rows => rows.Any(row => row.State == "failed"), Patience, "the delivery to fail");
        var row = Assert.Single(rows);
        Assert.Equal(WebhookShopApiFactory.Retries + 1, row.Attempts);
        Assert.Null(row.LastStatusCode);
        Assert.Empty(_receiver.Received);
        await Support.Webhooks.UnsubscribeAsync(_factory, subscription.Id);
    }
}
