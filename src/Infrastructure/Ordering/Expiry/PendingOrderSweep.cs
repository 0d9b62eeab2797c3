using Microsoft.EntityFrameworkCore;
using Shop.Application.Telemetry;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Ordering.Expiry;

/// <summary>
/// Cancels expired pending orders, a batch per transaction. Safe on any number of instances at once: a batch claims
/// its orders with <c>FOR UPDATE SKIP LOCKED</c>, so two sweeps never take the same order and neither waits for the
/// other or for a payment that holds an order's lock (that order is left to the payment, which then pays it or finds
/// it expired). The domain decides again under the lock, on the row as it is then.
/// </summary>
internal sealed class PendingOrderSweep
{
    public const int BatchSize = 100;

    private readonly ShopDbContext _context;
    private readonly PendingOrderExpiry _expiry;
    private readonly TimeProvider _clock;

    public PendingOrderSweep(ShopDbContext context, PendingOrderExpiry expiry, TimeProvider clock)
    {
        _context = context;
        _expiry = expiry;
        _clock = clock;
    }

    /// <summary>Cancels every expired pending order no other transaction holds; returns how many this sweep cancelled.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cancelled = 0;
        int batch;
        do
        {
            batch = await CancelBatchAsync(cancellationToken);
            cancelled += batch;
        }
        while (batch == BatchSize);

        return cancelled;
    }

    private async Task<int> CancelBatchAsync(CancellationToken cancellationToken)
    {
        var placedBy = _expiry.PlacedBy(_clock);
        await using var transaction = await _context.Database.BeginTransactionAsync(cancellationToken);
        var orders = await _context.Set<Order>().FromSql($"""
            SELECT * FROM orders
            WHERE status = 'pending' AND created_at <= {placedBy}
            ORDER BY created_at
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var expired = orders.Count(order => order.Expire(_expiry, _clock));
        await _context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _context.ChangeTracker.Clear();

        if (expired > 0)
        {
            ShopTelemetry.ExpiredOrders.Add(expired);
        }

        return expired;
    }
}
