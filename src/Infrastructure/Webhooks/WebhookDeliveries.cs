using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Webhooks;

/// <summary>
/// The relay's statements on <c>webhook_deliveries</c>, each one short transaction of its own. A claim leases due
/// deliveries with <c>FOR UPDATE SKIP LOCKED</c>, so relays never wait for or take each other's; only the claim that
/// holds a lease records its outcome. The database's clock decides what is due and what has run out, so the relays'
/// clocks never need to agree.
/// </summary>
internal sealed class WebhookDeliveries
{
    private readonly ShopDbContext _context;

    public WebhookDeliveries(ShopDbContext context) => _context = context;

    /// <summary>
    /// Leases up to <paramref name="limit"/> due deliveries, each the earliest pending one of its resource for its
    /// subscription (a later one waits while an earlier one is retried), with their message and subscription.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(Guid leaseToken, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            """
            WITH claimed AS (
                UPDATE webhook_deliveries SET leased_until = now() + $2, lease_token = $1
                WHERE id IN (
                    SELECT d.id FROM webhook_deliveries d
                    WHERE d.state = 'pending' AND d.next_attempt_at <= now()
                        AND (d.leased_until IS NULL OR d.leased_until < now())
                        AND NOT EXISTS (
                            SELECT 1 FROM webhook_deliveries earlier
                            WHERE earlier.subscription_id = d.subscription_id AND earlier.resource_id = d.resource_id
                                AND earlier.position < d.position AND earlier.state = 'pending')
                    ORDER BY d.position
                    LIMIT $3
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, message_id, subscription_id, attempts
            )
            SELECT claimed.id, claimed.message_id, claimed.attempts, message.type, message.data, message.occurred_at,
                message.traceparent, subscription.url, subscription.secret
            FROM claimed
            JOIN outbox_messages message ON message.id = claimed.message_id
            JOIN webhook_subscriptions subscription ON subscription.id = claimed.subscription_id
            """,
            cancellationToken,
            new NpgsqlParameter<Guid> { TypedValue = leaseToken },
            new NpgsqlParameter<TimeSpan> { TypedValue = lease },
            new NpgsqlParameter<int> { TypedValue = limit });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetInt32(2),
                reader.GetString(3),
                reader.GetFieldValue<JsonElement>(4),
                DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                new Uri(reader.GetString(7)),
                reader.GetString(8)));
        }

        return claimed;
    }

    /// <summary>
    /// Records an attempt, if <paramref name="leaseToken"/> still holds the delivery: delivered, or due again after
    /// <paramref name="retryAfter"/>, or failed when that is null. False when the lease was lost (ran out and taken).
    /// </summary>
    public async Task<bool> RecordAsync(
        long id, Guid leaseToken, bool delivered, int? statusCode, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            """
            UPDATE webhook_deliveries SET
                attempts = attempts + 1, last_status_code = $4, last_attempt_at = now(),
                state = CASE WHEN $3 THEN 'delivered' WHEN $5::interval IS NULL THEN 'failed' ELSE 'pending' END,
                next_attempt_at = CASE WHEN $3 THEN NULL ELSE now() + $5::interval END,
                leased_until = NULL, lease_token = NULL
            WHERE id = $1 AND lease_token = $2
            """,
            cancellationToken,
            new NpgsqlParameter<long> { TypedValue = id },
            new NpgsqlParameter<Guid> { TypedValue = leaseToken },
            new NpgsqlParameter<bool> { TypedValue = delivered },
            new NpgsqlParameter<int?> { TypedValue = statusCode, NpgsqlDbType = NpgsqlDbType.Integer },
            new NpgsqlParameter<TimeSpan?> { TypedValue = retryAfter, NpgsqlDbType = NpgsqlDbType.Interval });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// How long until the next delivery may be claimed (negative: one is due now), and the age of the oldest pending
    /// delivery's event; both null when none is pending. A delivery waiting behind an earlier one of its resource counts
    /// only through that one.
    /// </summary>
    public async Task<(TimeSpan? NextDue, TimeSpan? OldestPendingAge)> PendingAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            """
            SELECT
                (SELECT min(greatest(d.next_attempt_at, d.leased_until)) - now() FROM webhook_deliveries d
                 WHERE d.state = 'pending' AND NOT EXISTS (
                    SELECT 1 FROM webhook_deliveries earlier
                    WHERE earlier.subscription_id = d.subscription_id AND earlier.resource_id = d.resource_id
                        AND earlier.position < d.position AND earlier.state = 'pending')),
                (SELECT now() - min(message.occurred_at) FROM webhook_deliveries d
                 JOIN outbox_messages message ON message.id = d.message_id WHERE d.state = 'pending')
            """,
            cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<TimeSpan>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<TimeSpan>(1));
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await _context.Database.OpenConnectionAsync(cancellationToken);
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)_context.Database.GetDbConnection());
        command.Parameters.AddRange(parameters);
        return command;
    }
}

/// <summary>A delivery a relay leased: what to send, where, and with which secret.</summary>
internal sealed record ClaimedDelivery(
    long Id, Guid MessageId, int Attempts, string Type, JsonElement Data, DateTime OccurredAt, string? Traceparent, Uri Url, string Secret);
