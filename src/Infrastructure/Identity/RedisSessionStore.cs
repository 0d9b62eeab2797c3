using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shop.Application.Caching;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity;

/// <summary>
/// Sessions in Redis. The token (32 random bytes, base64url) is given to the client only;
/// the key holds its SHA-256, so a Redis dump holds no usable token. Beside each session, where a replica is read
/// from, a second key holds the log position of the session's last write; both are read in one round trip.
/// </summary>
internal sealed class RedisSessionStore : ISessionStore
{
    private const int TokenBytes = 32;

    // Positions as 16 hex digits compare as strings in the same order as numbers (Lua numbers lose 64-bit precision).
    private const string RecordWriteScript = """
        local current = redis.call('GET', KEYS[1])
        if (not current) or current < ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        end
        return 1
        """;

    private const string Service = "The session store";
    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _clock;
    private readonly OutageLog _outages;

    public RedisSessionStore(IConnectionMultiplexer redis, TimeProvider clock, OutageLog outages)
    {
        _redis = redis;
        _clock = clock;
        _outages = outages;
    }

    public async Task<SessionTicket> CreateAsync(Guid userId, string email, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = _clock.GetUtcNow().UtcDateTime;
        var session = new StoredSession(userId, email, now, now + CacheKeys.SessionTimeToLive);
        var json = JsonSerializer.Serialize(session, RedisJson.Options);
        await RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().StringSetAsync(KeyFor(token), json, CacheKeys.SessionTimeToLive));
        return new SessionTicket(token, session.ExpiresAt);
    }

    public async Task<SessionInfo?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return null;
        }

        var hash = HashOf(token);
        var (value, lastWrite) = await RequiredRedis.CallAsync(_outages, Service, async () =>
        {
            var database = _redis.GetDatabase();
            // Both sent before either answer is awaited: one round trip.
            var session = database.StringGetAsync(CacheKeys.Session(hash));
            var writes = database.StringGetAsync(CacheKeys.SessionWrites(hash));
            return (await session, await writes);
        });
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<StoredSession>(value.ToString(), RedisJson.Options)!;
        return new SessionInfo(stored.UserId, stored.Email, stored.CreatedAt, stored.ExpiresAt, ParsePosition(lastWrite));
    }

    public async Task<bool> DeleteAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return false;
        }

        var hash = HashOf(token);
        return await RequiredRedis.CallAsync(_outages, Service, async () =>
        {
            var database = _redis.GetDatabase();
            var writes = database.KeyDeleteAsync(CacheKeys.SessionWrites(hash));
            var deleted = await database.KeyDeleteAsync(CacheKeys.Session(hash));
            await writes;
            return deleted;
        });
    }

    public async Task RecordWriteAsync(string token, ulong position, CancellationToken cancellationToken)
    {
        if (!LooksLikeToken(token))
        {
            return;
        }

        var key = CacheKeys.SessionWrites(HashOf(token));
        var hex = position.ToString("X16", CultureInfo.InvariantCulture);
        var ttl = (long)CacheKeys.SessionTimeToLive.TotalMilliseconds;
        await RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().ScriptEvaluateAsync(RecordWriteScript, [key], [hex, ttl]));
    }

    internal static string KeyFor(string token) => CacheKeys.Session(HashOf(token));

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ulong? ParsePosition(RedisValue value) =>
        value.IsNullOrEmpty ? null : ulong.Parse(value.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>The session's JSON in Redis, as the schema fixes it.</summary>
    private sealed record StoredSession(Guid UserId, string Email, DateTime CreatedAt, DateTime ExpiresAt);

    private static bool LooksLikeToken(string token) => token.Length is > 0 and <= 128;
}
