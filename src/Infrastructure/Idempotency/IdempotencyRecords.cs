using Microsoft.EntityFrameworkCore;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Idempotency;

/// <summary>Idempotency records on the command's own DbContext, so they are read and saved in its transaction.</summary>
internal sealed class IdempotencyRecords : IIdempotencyRecords
{
    private readonly ShopDbContext _context;
    private readonly TimeProvider _clock;

    public IdempotencyRecords(ShopDbContext context, TimeProvider clock)
    {
        _context = context;
        _clock = clock;
    }

    public async Task<RecordedOutcome?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        var keyHash = key.KeyHash;
        var matching = _context.Set<IdempotencyRecord>()
            .Where(record => record.UserId == key.UserId && record.Route == key.Route && record.KeyHash == keyHash);
        var found = await matching.AsNoTracking()
            .Select(record => new { record.RequestHash, record.Response, record.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var expiredBefore = ExpiredBefore(_clock);
        if (found.CreatedAt < expiredBefore)
        {
            // Past its retention the key is new again: the expired record makes way for this request's own.
            await matching.Where(record => record.CreatedAt < expiredBefore).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        return new RecordedOutcome(found.RequestHash, found.Response);
    }

    public void Add(IdempotencyKey key, string requestHash, string response) =>
        _context.Add(IdempotencyRecord.Create(key.UserId, key.Route, key.KeyHash, requestHash, response, _clock.GetUtcNow()));

    /// <summary>Records created before this are past their retention, the Redis record's lifetime.</summary>
    public static DateTimeOffset ExpiredBefore(TimeProvider clock) => clock.GetUtcNow() - CacheKeys.IdempotencyTimeToLive;
}
