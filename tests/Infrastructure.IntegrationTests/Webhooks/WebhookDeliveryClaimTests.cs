using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Webhooks;

namespace Shop.Infrastructure.IntegrationTests.Webhooks;

/// <summary>
/// The relay's claims on real PostgreSQL: relays claiming at once never share a delivery, one resource's later
/// deliveries wait for its earlier pending one, and only the lease holder records an outcome. Each test has its own
/// subscription, and claims see every subscription's deliveries, so each test uses a database of its own.
/// </summary>
public sealed class WebhookDeliveryClaimTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly MigratedDatabaseFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Relays_claiming_at_once_take_each_due_delivery_once()
    {
        var subscription = await OutboxRows.SubscriptionAsync(_fixture);
        for (var n = 0; n < 60; n++)
        {
            await OutboxRows.DeliveryAsync(_fixture, await OutboxRows.MessageAsync(_fixture, Guid.NewGuid(), TimeSpan.Zero), subscription, "pending", null);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            var taken = new List<long>();
            IReadOnlyList<ClaimedDelivery> batch;
            do
            {
                batch = await ClaimAsync(Guid.NewGuid(), 7);
                taken.AddRange(batch.Select(delivery => delivery.Id));
            }
            while (batch.Count > 0);

            return taken;
        })).ToList();
        start.SetResult();
        var taken = (await Task.WhenAll(claims)).SelectMany(ids => ids).ToList();

        Assert.Equal(60, taken.Count);
        Assert.Equal(60, taken.Distinct().Count());
    }

    [Fact]
    public async Task A_resources_later_delivery_waits_while_an_earlier_one_is_pending_and_other_resources_do_not()
    {
        var subscription = await OutboxRows.SubscriptionAsync(_fixture);
        var order = Guid.NewGuid();
        var first = await OutboxRows.MessageAsync(_fixture, order, TimeSpan.Zero);
        var second = await OutboxRows.MessageAsync(_fixture, order, TimeSpan.Zero);
        var elsewhere = await OutboxRows.MessageAsync(_fixture, Guid.NewGuid(), TimeSpan.Zero);
        foreach (var message in new[] { first, second, elsewhere })
        {
            await OutboxRows.DeliveryAsync(_fixture, message, subscription, "pending", null);
        }

        // The first is being retried later: not due, and its resource's second waits behind it.
        await _fixture.ExecuteAsync("UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 hour' WHERE message_id = $1", first);
        Assert.Equal([elsewhere], (await ClaimAsync(Guid.NewGuid(), 10)).Select(delivery => delivery.MessageId));

        await _fixture.ExecuteAsync("UPDATE webhook_deliveries SET state = 'delivered', next_attempt_at = NULL WHERE message_id = $1", first);
        Assert.Equal([second], (await ClaimAsync(Guid.NewGuid(), 10)).Select(delivery => delivery.MessageId));
    }

    [Fact]
    public async Task Only_the_lease_holder_records_the_outcome_and_a_run_out_lease_can_be_claimed_again()
    {
        var subscription = await OutboxRows.SubscriptionAsync(_fixture);
        await OutboxRows.DeliveryAsync(_fixture, await OutboxRows.MessageAsync(_fixture, Guid.NewGuid(), TimeSpan.Zero), subscription, "pending", null);
        var holder = Guid.NewGuid();
        var delivery = Assert.Single(await ClaimAsync(holder, 10));
        Assert.Empty(await ClaimAsync(Guid.NewGuid(), 10));

        Assert.False(await RecordAsync(delivery.Id, Guid.NewGuid(), delivered: true));
        await _fixture.ExecuteAsync("UPDATE webhook_deliveries SET leased_until = now() - interval '1 second'");
        var taker = Guid.NewGuid();
        Assert.Single(await ClaimAsync(taker, 10));
        Assert.False(await RecordAsync(delivery.Id, holder, delivered: true));
        Assert.True(await RecordAsync(delivery.Id, taker, delivered: true));

        Assert.Equal(
            ("delivered", 1, 200),
            Assert.Single(await _fixture.QueryAsync(
                "SELECT state, attempts, last_status_code FROM webhook_deliveries",
                reader => (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)))));
    }

    private Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(Guid leaseToken, int limit) =>
        _fixture.InScopeAsync(services => services.GetRequiredService<WebhookDeliveries>().ClaimAsync(leaseToken, Lease, limit, CancellationToken.None));

    private Task<bool> RecordAsync(long id, Guid leaseToken, bool delivered) =>
        _fixture.InScopeAsync(services => services.GetRequiredService<WebhookDeliveries>()
            .RecordAsync(id, leaseToken, delivered, 200, null, CancellationToken.None));
}
