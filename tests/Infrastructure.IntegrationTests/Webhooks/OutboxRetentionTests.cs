using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Outbox;

namespace Shop.Infrastructure.IntegrationTests.Webhooks;

/// <summary>
/// Retention removes the messages older than it whose deliveries all ended before it, their deliveries with them,
/// in batches; a message still pending somewhere, or attempted within the retention, stays.
/// </summary>
public sealed class OutboxRetentionTests : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly TimeSpan Old = TimeSpan.FromDays(8);

    private readonly MigratedDatabaseFixture _fixture;

    public OutboxRetentionTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Old_finished_messages_and_their_deliveries_go_pending_and_recent_ones_stay()
    {
        var subscription = await OutboxRows.SubscriptionAsync(_fixture);
        var delivered = await MessageWithDeliveryAsync(Old, "delivered", Old);
        var failed = await MessageWithDeliveryAsync(Old, "failed", Old);
        var pending = await MessageWithDeliveryAsync(Old, "pending", Old);
        var retriedLately = await MessageWithDeliveryAsync(Old, "failed", TimeSpan.FromHours(1));
        var recent = await MessageWithDeliveryAsync(TimeSpan.FromHours(2), "delivered", TimeSpan.FromHours(2));
        var unsubscribed = await OutboxRows.MessageAsync(_fixture, Guid.NewGuid(), Old);
        // Half delivered: the message stays while its other delivery is pending.
        var halfDone = await MessageWithDeliveryAsync(Old, "delivered", Old);
        await OutboxRows.DeliveryAsync(_fixture, halfDone, await OutboxRows.SubscriptionAsync(_fixture), "pending", null);
        // More than two batches of old messages nobody subscribed to.
        for (var n = 0; n < OutboxRetention.BatchSize * 2 + 3; n++)
        {
            await OutboxRows.MessageAsync(_fixture, Guid.NewGuid(), Old);
        }

        var removed = await _fixture.InScopeAsync(services => services.GetRequiredService<OutboxRetention>().RunAsync(Retention, CancellationToken.None));

        Assert.Equal(OutboxRetention.BatchSize * 2 + 3 + 3, removed);
        var left = await _fixture.QueryAsync("SELECT id FROM outbox_messages", reader => reader.GetGuid(0));
        Assert.Equal(new[] { pending, retriedLately, recent, halfDone }.Order(), left.Order());
        Assert.DoesNotContain(delivered, left);
        Assert.DoesNotContain(failed, left);
        Assert.DoesNotContain(unsubscribed, left);
        Assert.Equal(5, await _fixture.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries"));

        async Task<Guid> MessageWithDeliveryAsync(TimeSpan age, string state, TimeSpan lastAttemptAgo)
        {
            var message = await OutboxRows.MessageAsync(_fixture, Guid.NewGuid(), age);
            await OutboxRows.DeliveryAsync(_fixture, message, subscription, state, state == "pending" ? null : lastAttemptAgo);
            return message;
        }
    }
}
