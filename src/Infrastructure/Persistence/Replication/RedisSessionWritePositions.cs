using System.Globalization;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>Each session's last write position in Redis (<c>session-writes:{hash}</c>, beside the session, same lifetime).</summary>
internal sealed class RedisSessionWritePositions : ISessionWritePositions
{
    // Positions as 16 hex digits compare as strings in the same order as numbers (Lua numbers lose 64-bit precision).
    private const string RecordScript = """
        local current = redis.call('GET', KEYS[1])
        if (not current) or current < ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        end
        return 1
        """;

    private const string Service = "The session store";
    private readonly IConnectionMultiplexer _redis;
    private readonly OutageLog _outages;

    public RedisSessionWritePositions(IConnectionMultiplexer redis, OutageLog outages, ReplicaSettings replica)
    {
        _redis = redis;
        _outages = outages;
        ReplicaConfigured = replica.Enabled;
    }

    public bool ReplicaConfigured { get; }

    public async Task<ulong?> LastWriteAsync(string token, CancellationToken cancellationToken)
    {
        var value = await RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().StringGetAsync(KeyOf(token)));
        return value.IsNullOrEmpty ? null : ulong.Parse(value.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public async Task RecordAsync(string token, ulong position, CancellationToken cancellationToken)
    {
        var hex = position.ToString("X16", CultureInfo.InvariantCulture);
        var ttl = (long)CacheKeys.SessionTimeToLive.TotalMilliseconds;
        await RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().ScriptEvaluateAsync(RecordScript, [KeyOf(token)], [hex, ttl]));
    }

    private static string KeyOf(string token) => CacheKeys.SessionWrites(CacheKeys.TokenHash(token));
}
