using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Shop.Application.Events;
using Shop.Application.Events.Ports;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Outbox;

/// <summary>
/// Writes a command's integration events in its transaction with one statement: the messages, and a pending delivery
/// for each subscription that wants its type. The command locked every existing resource it changed before this
/// runs, so the positions of one resource's messages follow the order of their commits. The subscriptions are read
/// FOR KEY SHARE: one being deleted at that moment is waited for and then skipped, instead of failing the commit.
/// </summary>
internal sealed class PostgresOutbox : IOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ShopDbContext _context;
    private readonly RelayWakeup _wakeup;
    private readonly TimeProvider _clock;

    public PostgresOutbox(ShopDbContext context, RelayWakeup wakeup, TimeProvider clock)
    {
        _context = context;
        _wakeup = wakeup;
        _clock = clock;
    }

    public async Task WriteAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var traceparent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        await using var command = _context.CreateCommand(
            """
            WITH message AS (
                INSERT INTO outbox_messages (id, type, resource_id, data, occurred_at, traceparent)
                SELECT id, type, resource_id, data, $5, $6
                FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[]) WITH ORDINALITY AS m (id, type, resource_id, data, n)
                ORDER BY n
                RETURNING id, type, resource_id, position
            )
            INSERT INTO webhook_deliveries (message_id, subscription_id, resource_id, position, next_attempt_at)
            SELECT message.id, subscription.id, message.resource_id, message.position, now()
            FROM message JOIN webhook_subscriptions subscription
                ON message.type = ANY (subscription.events) OR '*' = ANY (subscription.events)
            FOR KEY SHARE OF subscription
            """,
            new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Select(_ => Guid.CreateVersion7(now))] },
            new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Type)] },
            new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Select(e => e.ResourceId)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => JsonSerializer.Serialize(e.Data, e.Data.GetType(), Json))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new NpgsqlParameter<DateTime> { TypedValue = now },
            new NpgsqlParameter<string?> { TypedValue = traceparent, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Wake() => _wakeup.Wake();
}
