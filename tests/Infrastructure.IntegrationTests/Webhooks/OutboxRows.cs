using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Webhooks;

/// <summary>Outbox messages, subscriptions and deliveries written with SQL, as old or as leased as a test needs.</summary>
internal static class OutboxRows
{
    public static async Task<Guid> SubscriptionAsync(InfrastructureFixture fixture)
    {
        var id = Guid.NewGuid();
        await fixture.ExecuteAsync(
            "INSERT INTO webhook_subscriptions (id, url, events, secret, created_at) VALUES ($1, 'https://receiver.example/hook', ARRAY['*'], 'whsec_AAAA', now())",
            id);
        return id;
    }

    /// <summary>A message about <paramref name="resourceId"/> that happened <paramref name="age"/> ago.</summary>
    public static async Task<Guid> MessageAsync(InfrastructureFixture fixture, Guid resourceId, TimeSpan age)
    {
        var id = Guid.CreateVersion7();
        await fixture.ExecuteAsync(
            "INSERT INTO outbox_messages (id, type, resource_id, data, occurred_at) VALUES ($1, 'product.updated', $2, jsonb_build_object('id', $2), now() - $3)",
            id, resourceId, age);
        return id;
    }

    /// <summary>A delivery of the message in <paramref name="state"/>, last attempted <paramref name="lastAttemptAgo"/> ago (null: never).</summary>
    public static Task DeliveryAsync(InfrastructureFixture fixture, Guid messageId, Guid subscriptionId, string state, TimeSpan? lastAttemptAgo) =>
        fixture.ExecuteAsync(
            """
            INSERT INTO webhook_deliveries (message_id, subscription_id, resource_id, position, state, attempts, last_attempt_at, next_attempt_at)
            SELECT id, $2, resource_id, position, $3, CASE WHEN $4::interval IS NULL THEN 0 ELSE 1 END, now() - $4::interval,
                CASE WHEN $3 = 'pending' THEN now() END
            FROM outbox_messages WHERE id = $1
            """,
            messageId, subscriptionId, state, lastAttemptAgo is { } ago ? ago : DBNull.Value);
}
