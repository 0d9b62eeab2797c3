using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Shop.Application.Caching;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity;

/// <summary>
/// Sessions in Redis. The token (32 random bytes, base64url) is given to the client only;
/// the key holds its SHA-256, so a Redis dump holds no usable token. Each user's sessions are indexed in a sorted set
/// (token hashes by creation time) for signing out everywhere and the cap per user; every command touches one key,
/// so it runs on a cluster.
/// </summary>
internal sealed class RedisSessionStore : ISessionStore
{
    private const int TokenBytes = 32;

    private const string Service = "The session store";
    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _clock;
    private readonly OutageLog _outages;
    private readonly SessionOptions _options;

    public RedisSessionStore(IConnectionMultiplexer redis, TimeProvider clock, OutageLog outages, IOptions<SessionOptions> options)
    {
        _redis = redis;
        _clock = clock;
        _outages = outages;
        _options = options.Value;
    }

    public async Task<SessionTicket> CreateAsync(Guid userId, string email, bool isAdministrator, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = _clock.GetUtcNow().UtcDateTime;
        var session = new StoredSession(userId, email, now, now + CacheKeys.SessionTimeToLive, isAdministrator);
        var json = JsonSerializer.Serialize(session, RedisJson.Options);
        await RequiredRedis.CallAsync(_outages, Service, async () =>
        {
            var database = _redis.GetDatabase();
            var index = CacheKeys.UserSessions(userId);
            // Indexed before it exists: a session is never left out of its user's index.
            await database.SortedSetAddAsync(index, CacheKeys.TokenHash(token), UnixMicroseconds(now));
            await database.KeyExpireAsync(index, CacheKeys.SessionTimeToLive);
            await database.StringSetAsync(KeyFor(token), json, CacheKeys.SessionTimeToLive);
            await EndOldestOverTheCapAsync(database, index, CacheKeys.TokenHash(token), now);
            return true;
        });
        return new SessionTicket(token, session.ExpiresAt);
    }

    public async Task<SessionInfo?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return null;
        }

        var value = await RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().StringGetAsync(KeyFor(token)));
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<StoredSession>(value.ToString(), RedisJson.Options)!;
        return new SessionInfo(stored.UserId, stored.Email, stored.CreatedAt, stored.ExpiresAt, stored.IsAdministrator);
    }

    public async Task<bool> DeleteAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return false;
        }

        return await RequiredRedis.CallAsync(_outages, Service, async () =>
        {
            var database = _redis.GetDatabase();
            var value = await database.StringGetDeleteAsync(KeyFor(token));
            if (value.IsNullOrEmpty)
            {
                return false;
            }

            var stored = JsonSerializer.Deserialize<StoredSession>(value.ToString(), RedisJson.Options)!;
            await database.SortedSetRemoveAsync(CacheKeys.UserSessions(stored.UserId), CacheKeys.TokenHash(token));
            return true;
        });
    }

    public Task EndAllAsync(Guid userId, string? exceptToken, CancellationToken cancellationToken) =>
        RequiredRedis.CallAsync(_outages, Service, async () =>
        {
            var database = _redis.GetDatabase();
            var index = CacheKeys.UserSessions(userId);
            RedisValue kept = exceptToken is null ? RedisValue.Null : CacheKeys.TokenHash(exceptToken);
            var ended = (await database.SortedSetRangeByRankAsync(index)).Where(hash => hash != kept).ToArray();
            await EndAsync(database, index, ended);
            return true;
        });

    /// <summary>
    /// Drops index entries whose session has expired, then ends the oldest sessions beyond the cap, never the new one
    /// (sessions created in the same microsecond tie, and ties are ordered by hash).
    /// </summary>
    private async Task EndOldestOverTheCapAsync(IDatabase database, RedisKey index, string newHash, DateTime now)
    {
        await database.SortedSetRemoveRangeByScoreAsync(index, double.NegativeInfinity, UnixMicroseconds(now - CacheKeys.SessionTimeToLive));
        var surplus = await database.SortedSetLengthAsync(index) - _options.MaxPerUser;
        if (surplus > 0)
        {
            var oldest = await database.SortedSetRangeByRankAsync(index, 0, surplus);
            await EndAsync(database, index, [.. oldest.Where(hash => hash != newHash).Take((int)surplus)]);
        }
    }

    // One command per key: the sessions hash to other slots than their index.
    private static async Task EndAsync(IDatabase database, RedisKey index, RedisValue[] tokenHashes)
    {
        if (tokenHashes.Length == 0)
        {
            return;
        }

        await Task.WhenAll(tokenHashes.Select(hash => database.KeyDeleteAsync(CacheKeys.Session(hash.ToString()))));
        await database.SortedSetRemoveAsync(index, tokenHashes);
    }

    private static double UnixMicroseconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    internal static string KeyFor(string token) => CacheKeys.Session(CacheKeys.TokenHash(token));

    /// <summary>The session's JSON in Redis, as the schema fixes it; a session without isAdministrator is not an admin's.</summary>
    private sealed record StoredSession(Guid UserId, string Email, DateTime CreatedAt, DateTime ExpiresAt, bool IsAdministrator = false);

    private static bool LooksLikeToken(string token) => token.Length is > 0 and <= 128;
}
