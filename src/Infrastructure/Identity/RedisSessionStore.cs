using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Shop.Application.Caching;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity;

/// <summary>
/// Sessions in Redis. The token (32 random bytes, base64url) is given to the client only;
/// the key holds its SHA-256, so a Redis dump holds no usable token.
/// </summary>
internal sealed class RedisSessionStore : ISessionStore
{
    private const int TokenBytes = 32;

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

    public async Task<SessionTicket> CreateAsync(Guid userId, string email, bool isAdministrator, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = _clock.GetUtcNow().UtcDateTime;
        var session = new StoredSession(userId, email, now, now + CacheKeys.SessionTimeToLive, isAdministrator);
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

        return await RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().KeyDeleteAsync(KeyFor(token)));
    }

    internal static string KeyFor(string token) => CacheKeys.Session(CacheKeys.TokenHash(token));

    /// <summary>The session's JSON in Redis, as the schema fixes it; a session without isAdministrator is not an admin's.</summary>
    private sealed record StoredSession(Guid UserId, string Email, DateTime CreatedAt, DateTime ExpiresAt, bool IsAdministrator = false);

    private static bool LooksLikeToken(string token) => token.Length is > 0 and <= 128;
}
