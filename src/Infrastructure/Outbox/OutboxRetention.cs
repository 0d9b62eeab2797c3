using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Outbox;

/// <summary>
/// Removes, a batch per statement, the outbox messages older than the retention whose deliveries all ended (delivered
/// or failed) before it; their deliveries go with them (the foreign key cascades). A message with a pending delivery
/// stays with all its deliveries. The oldest messages are found by <c>idx_outbox_messages_occurred_at</c>.
/// </summary>
internal sealed class OutboxRetention
{
    public const int BatchSize = 500;

    private readonly ShopDbContext _context;

    public OutboxRetention(ShopDbContext context) => _context = context;

    /// <summary>Removes every expired message; returns how many.</summary>
    public async Task<int> RunAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await _context.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM outbox_messages WHERE id IN (
                SELECT message.id FROM outbox_messages message
                WHERE message.occurred_at < now() - $1
                    AND NOT EXISTS (
                        SELECT 1 FROM webhook_deliveries d
                        WHERE d.message_id = message.id AND (d.state = 'pending' OR d.last_attempt_at >= now() - $1))
                ORDER BY message.occurred_at
                LIMIT $2)
            """,
            (NpgsqlConnection)_context.Database.GetDbConnection());
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = retention });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BatchSize });
        var removed = 0;
        int batch;
        do
        {
            batch = await command.ExecuteNonQueryAsync(cancellationToken);
            removed += batch;
        }
        while (batch == BatchSize);

        return removed;
    }
}
