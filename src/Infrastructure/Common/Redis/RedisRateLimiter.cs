using Shop.Application.Common;
using Shop.Application.Common.Ports;
using StackExchange.Redis;

namespace Shop.Infrastructure.Common.Redis;

/// <summary>Fixed one-minute window per client: the counter and its expiry are set in one atomic script.</summary>
internal sealed class RedisRateLimiter : IRateLimiter
{
    private const string HitScript = """
        local count = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    private readonly IConnectionMultiplexer _redis;

    public RedisRateLimiter(IConnectionMultiplexer redis) => _redis = redis;

    public async Task<RateLimitDecision> HitAsync(string clientKey, int permitsPerWindow, CancellationToken cancellationToken)
    {
        var window = (long)CacheKeys.RateLimitWindow.TotalMilliseconds;
        var result = (RedisResult[]?)await _redis.GetDatabase()
            .ScriptEvaluateAsync(HitScript, [CacheKeys.RateLimit(clientKey)], [window])
            .ConfigureAwait(false);
        var count = (long)result![0];
        var resetAfter = TimeSpan.FromMilliseconds((long)result[1]);
        return new RateLimitDecision(count <= permitsPerWindow, (int)Math.Max(0, permitsPerWindow - count), resetAfter);
    }
}
