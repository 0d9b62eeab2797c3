using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// Waits for any other transaction working under the same key (a transaction-scoped advisory lock, held until its
    /// COMMIT or rollback), then reads the key's record: a retry that arrives while the first COMMIT is still running
    /// finds what it committed instead of running the command again.
    /// </summary>
    public async Task<RecordedOutcome?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        var keyHash = key.KeyHash;
        await _context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockOf(key)})", cancellationToken);
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

    private static long LockOf(IdempotencyKey key) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"idempotency|{key.UserId}|{key.Route}|{key.KeyHash}")));

    /// <summary>Records created before this are past their retention, the Redis record's lifetime.</summary>
    public static DateTimeOffset ExpiredBefore(TimeProvider clock) => clock.GetUtcNow() - CacheKeys.IdempotencyTimeToLive;
}
