using System.Runtime.Versioning;

namespace Shop.WebApi.FunctionalTests.Events;

/// <summary>
/// The API process is killed with SIGKILL (no shutdown code runs) after committing events and before they were
/// delivered, then started again: every committed event reaches the receiver, none is lost, and one that arrives
/// twice arrives with the same webhook-id and body.
/// </summary>
[Collection(HostProcessesGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class HostKillTests : HostProcessesTest
{
    private const int Events = 20;

    public HostKillTests(HostProcessesFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task Events_committed_before_a_SIGKILL_and_never_sent_are_all_delivered_by_the_restarted_host()
    {
        var (receiver, subscription) = await SubscribeReceiverAsync();
        var host = await StartHostAsync(new Dictionary<string, string?> { ["Shop__Outbox__RelayEnabled"] = "false" });
        var products = await CreateProductsAsync(await AdminClientAsync(host), Events);

        await host.KillAsync();

        Assert.Empty(receiver.Received);
        var pending = await DeliveryStatesAsync(subscription);
        Assert.Equal(Events, pending.Count);
        Assert.All(pending, delivery => Assert.Equal("pending", delivery.State));

        await host.StartAgainAsync(new Dictionary<string, string?> { ["Shop__Outbox__RelayEnabled"] = "true" });

        await WaitUntilAllDeliveredAsync(subscription, Events);
        await AssertEveryEventArrivedAsync(receiver, products);
    }

    [Fact]
    public async Task A_host_killed_while_delivering_leaves_its_leases_to_run_out_and_the_restarted_host_sends_those_events_again_under_the_same_webhook_ids()
    {
        var (receiver, subscription) = await SubscribeReceiverAsync();
        receiver.Answer = ReceiverAnswer.Hold;
        // A lease that outlasts the host's restart, so that the restarted host finds it still running.
        var host = await StartHostAsync(new Dictionary<string, string?> { ["Shop__Outbox__LeaseDuration"] = "00:00:10" });
        var products = await CreateProductsAsync(await AdminClientAsync(host), Events);

        // Killed right after a delivery reached the receiver, which holds its answer: the host dies holding its lease.
        var before = receiver.Received.Count;
        await receiver.WaitUntilAsync(r => r.Count > before, DeliveryDeadline, "a delivery in flight", DiagnosticsAsync);
        await host.KillAsync();
        var inFlight = receiver.Received[^1];
        var leased = (await DeliveryStatesAsync(subscription)).Single(d => d.WebhookId == inFlight.Id);
        Assert.Equal("pending", leased.State);
        Assert.True(leased.LeasedUntil is not null, $"The delivery of {inFlight.Id} is not leased after the kill: {leased}");

        receiver.Answer = ReceiverAnswer.Ok;
        await host.StartAgainAsync();

        await WaitUntilAllDeliveredAsync(subscription, Events);
        await AssertEveryEventArrivedAsync(receiver, products);
        var resent = receiver.Received.Where(r => r.Id == inFlight.Id && r.ArrivedAt > inFlight.ArrivedAt).ToList();
        Assert.NotEmpty(resent);
        Assert.All(resent, r => Assert.True(
            r.ArrivedAt >= leased.LeasedUntil, $"{inFlight.Id} was sent again at {r.ArrivedAt:O}, before its lease ran out at {leased.LeasedUntil:O}"));
    }
}
