using Shop.Application.Identity.Ports;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>
/// A fixed window in one key, in one atomic script (so it runs on a cluster): an attempt under the limit is counted,
/// one at the limit is refused without counting; the expiry is set by the first attempt and never extended.
/// </summary>
internal static class RedisWindowCounter
{
    private const string Script = """
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        local allowed = 0
        if count < tonumber(ARGV[1]) then
          redis.call('INCR', KEYS[1])
          allowed = 1
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          ttl = tonumber(ARGV[2])
        end
        return { allowed, ttl }
        """;

    // Only while the window lasts (a decrement after it ended would leave a negative count without expiry); the last
    // attempt taken back removes the key, so no empty counter stays behind.
    private const string UncountScript = """
        local count = tonumber(redis.call('GET', KEYS[1]) or '0')
        if count > 1 then
          redis.call('DECR', KEYS[1])
        elseif count == 1 then
          redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    public static async Task<ThrottleDecision> TryCountAsync(IDatabase database, string key, int limit, TimeSpan window)
    {
        var result = (RedisResult[]?)await database.ScriptEvaluateAsync(
            Script, [key], [limit, (long)window.TotalMilliseconds]);
        return new ThrottleDecision((long)result![0] == 1, TimeSpan.FromMilliseconds((long)result[1]));
    }

    /// <summary>Takes one counted attempt back (it turned out not to be a failure), leaving the window's end as it is.</summary>
    public static Task UncountAsync(IDatabase database, string key) => database.ScriptEvaluateAsync(UncountScript, [key]);
}
