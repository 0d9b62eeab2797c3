using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Idempotency;

/// <summary>
/// Removes the idempotency records past their retention, a batch per statement, so no statement holds many row locks
/// or runs long. Safe on any number of instances at once: a row two sweeps both pick is removed once.
/// </summary>
internal sealed class IdempotencyRecordSweep
{
    public const int BatchSize = 1000;

    private readonly ShopDbContext _context;
    private readonly TimeProvider _clock;

    public IdempotencyRecordSweep(ShopDbContext context, TimeProvider clock)
    {
        _context = context;
        _clock = clock;
    }

    /// <summary>Removes every expired record; returns how many this sweep removed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var expiredBefore = IdempotencyRecords.ExpiredBefore(_clock);
        var removed = 0;
        int batch;
        do
        {
            batch = await _context.Set<IdempotencyRecord>()
                .Where(record => record.CreatedAt < expiredBefore)
                .OrderBy(record => record.CreatedAt)
                .Take(BatchSize)
                .ExecuteDeleteAsync(cancellationToken);
            removed += batch;
        }
        while (batch == BatchSize);

        return removed;
    }
}
