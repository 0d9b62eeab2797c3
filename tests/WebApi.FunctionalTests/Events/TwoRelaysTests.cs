using System.Runtime.Versioning;
using Microsoft.AspNetCore.Http;

namespace Shop.WebApi.FunctionalTests.Events;

/// <summary>
/// Two API processes on one database both run the relay, and both commit events: when nothing fails, each event
/// reaches each subscription exactly once (the claims never overlap).
/// </summary>
[Collection(HostProcessesGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class TwoRelaysTests : HostProcessesTest
{
    private const int Events = 50;

    /// <summary>Generous timings: with nothing failing, a slow machine must not turn into a retry.</summary>
    private static readonly Dictionary<string, string?> Patient = new()
    {
        ["Shop__Outbox__LeaseDuration"] = "00:01:00",
        ["Shop__Webhooks__Timeout"] = "00:00:20",
    };

    public TwoRelaysTests(HostProcessesFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task Two_hosts_relaying_one_outbox_deliver_each_event_to_each_subscription_exactly_once()
    {
        var first = await SubscribeReceiverAsync();
        var second = await SubscribeReceiverAsync();
        // A short answer time keeps deliveries in flight while the other relay looks for work.
        first.Receiver.Answer = second.Receiver.Answer = new ReceiverAnswer(TimeSpan.FromMilliseconds(50), StatusCodes.Status200OK);
        var hosts = await Task.WhenAll(StartHostAsync(Patient), StartHostAsync(Patient));
        var admins = await Task.WhenAll(hosts.Select(AdminClientAsync));

        var products = (await Task.WhenAll(admins.Select(admin => CreateProductsAsync(admin, Events / 2)))).SelectMany(ids => ids).ToList();

        foreach (var (receiver, subscription) in new[] { first, second })
        {
            await WaitUntilAllDeliveredAsync(subscription, Events);
            await AssertEveryEventArrivedAsync(receiver, products);
            Assert.Equal(Events, receiver.Received.Count);
            Assert.All(await DeliveryStatesAsync(subscription), delivery => Assert.Equal(1, delivery.Attempts));
        }
    }
}
