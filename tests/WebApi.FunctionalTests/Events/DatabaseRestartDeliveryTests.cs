using System.Runtime.Versioning;
using Microsoft.AspNetCore.Http;

namespace Shop.WebApi.FunctionalTests.Events;

/// <summary>
/// PostgreSQL is restarted (a fast shutdown, then a start on the same port and data) while deliveries are pending and
/// some are in flight: the API process keeps running, its relay outlives the outage, and every event is delivered.
/// </summary>
[Collection(HostProcessesGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class DatabaseRestartDeliveryTests : HostProcessesTest
{
    private const int Events = 20;

    /// <summary>How long the database stays down: several of the relay's polls (1 s) fail meanwhile.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    public DatabaseRestartDeliveryTests(HostProcessesFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task Deliveries_pending_across_a_postgres_restart_are_all_delivered_by_the_host_that_kept_running()
    {
        var (receiver, subscription) = await SubscribeReceiverAsync();
        receiver.Answer = ReceiverAnswer.Unavailable;
        var host = await StartHostAsync();
        var products = await CreateProductsAsync(await AdminClientAsync(host), Events);
        await receiver.WaitUntilAsync(r => r.Select(d => d.Id).Distinct().Count() == Events, DeliveryDeadline, "every event tried once", DiagnosticsAsync);

        // Now the receiver accepts, slowly: the database stops while deliveries are on their way, so the relay gets
        // their 2xx when it cannot record it.
        receiver.Answer = new ReceiverAnswer(TimeSpan.FromSeconds(1), StatusCodes.Status200OK);
        var before = receiver.Received.Count;
        await receiver.WaitUntilAsync(r => r.Skip(before).Any(d => d.AnsweredStatus == StatusCodes.Status200OK), DeliveryDeadline, "a delivery to be accepted", DiagnosticsAsync);
        await Fixture.Servers.StopPostgresAsync();
        try
        {
            await Task.Delay(Outage);
            Assert.True(host.IsRunning, "The host exited during the database outage:\n" + host.Log);
        }
        finally
        {
            await Fixture.Servers.StartPostgresAsync();
        }

        await WaitUntilAllDeliveredAsync(subscription, Events);
        Assert.True(host.IsRunning, "The host exited after the database outage:\n" + host.Log);
        await AssertEveryEventArrivedAsync(receiver, products);
        Assert.All(
            receiver.Received.GroupBy(r => r.Id),
            copies => Assert.Contains(copies, r => r.AnsweredStatus == StatusCodes.Status200OK));
    }
}
