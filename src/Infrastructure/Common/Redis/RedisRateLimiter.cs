using Shop.Application.Common;
using Shop.Application.Common.Outages;
using Shop.Application.Common.Ports;
using StackExchange.Redis;

namespace Shop.Infrastructure.Common.Redis;

/// <summary>
/// Fixed one-minute window per client: the counter and its expiry are set in one atomic script.
/// When Redis cannot be reached the request is let through (fail open, reported to the <see cref="OutageLog"/>): limiting is a
/// protection, and the routes that need Redis for their own work report the outage themselves.
/// </summary>
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
    private readonly OutageLog _outages;

    public RedisRateLimiter(IConnectionMultiplexer redis, OutageLog outages)
    {
        _redis = redis;
        _outages = outages;
    }

    public async Task<RateLimitDecision> HitAsync(string clientKey, int permitsPerWindow, CancellationToken cancellationToken)
    {
        var window = (long)CacheKeys.RateLimitWindow.TotalMilliseconds;
        try
        {
            var result = (RedisResult[]?)await _redis.GetDatabase()
                .ScriptEvaluateAsync(HitScript, [CacheKeys.RateLimit(clientKey)], [window]);
            _outages.Answered(OutageLog.Redis);
            var count = (long)result![0];
            var resetAfter = TimeSpan.FromMilliseconds((long)result[1]);
            return new RateLimitDecision(count <= permitsPerWindow, (int)Math.Max(0, permitsPerWindow - count), resetAfter);
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
            return new RateLimitDecision(true, permitsPerWindow, CacheKeys.RateLimitWindow);
        }
    }

    public async Task<int> RemainingAsync(string clientKey, int permitsPerWindow, CancellationToken cancellationToken)
    {
        try
        {
            var count = await _redis.GetDatabase().StringGetAsync(CacheKeys.RateLimit(clientKey));
            _outages.Answered(OutageLog.Redis);
            return (int)Math.Max(0, permitsPerWindow - (count.TryParse(out long used) ? used : 0));
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
            return permitsPerWindow;
        }
    }
}
