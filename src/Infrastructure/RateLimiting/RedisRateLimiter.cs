using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.RateLimiting;

/// <summary>
/// Fixed one-minute window per client, shared by every instance: the counter and its expiry are set in one atomic
/// script, which leases a batch of permits that this instance then spends without a Redis call (see
/// <see cref="PermitLease"/> for the bound that costs). When Redis cannot be reached the request is let through
/// (fail open, reported to the <see cref="OutageLog"/>): limiting is a protection, and the routes that need Redis for
/// their own work report the outage themselves.
/// </summary>
internal sealed class RedisRateLimiter : IRateLimiter
{
    private const string LeaseScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[2])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly PermitLeases _leases;
    private readonly TimeProvider _clock;
    private readonly OutageLog _outages;

    public RedisRateLimiter(IConnectionMultiplexer redis, PermitLeases leases, TimeProvider clock, OutageLog outages)
    {
        _redis = redis;
        _leases = leases;
        _clock = clock;
        _outages = outages;
    }

    public Task<RateLimitDecision> HitAsync(string clientKey, int permitsPerWindow, CancellationToken cancellationToken)
    {
        var lease = _leases.For(clientKey);
        // A busy client spends its lease here, with neither a Redis call nor an await.
        return TryDecide(lease, permitsPerWindow) is { } local ? Task.FromResult(local) : RenewAsync(lease, clientKey, permitsPerWindow, cancellationToken);
    }

    private async Task<RateLimitDecision> RenewAsync(PermitLease lease, string clientKey, int permitsPerWindow, CancellationToken cancellationToken)
    {
        await lease.Gate.WaitAsync(cancellationToken);
        try
        {
            // A renewal that finished while this request waited may have leased enough for it too.
            if (TryDecide(lease, permitsPerWindow) is { } local)
            {
                return local;
            }

            int size;
            lock (lease.Sync)
            {
                size = lease.NextSize(_clock.GetUtcNow(), permitsPerWindow);
            }

            var window = (long)CacheKeys.RateLimitWindow.TotalMilliseconds;
            var result = (RedisResult[]?)await _redis.GetDatabase()
                .ScriptEvaluateAsync(LeaseScript, [CacheKeys.RateLimit(clientKey)], [window, size]);
            _outages.Answered(OutageLog.Redis);
            lock (lease.Sync)
            {
                var now = _clock.GetUtcNow();
                lease.Renew(now, (long)result![0], size, TimeSpan.FromMilliseconds((long)result[1]), permitsPerWindow);
                return lease.DecideAfterRenewal(now, permitsPerWindow);
            }
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
            return new RateLimitDecision(true, permitsPerWindow, CacheKeys.RateLimitWindow);
        }
        finally
        {
            lease.Gate.Release();
        }
    }

    private RateLimitDecision? TryDecide(PermitLease lease, int permitsPerWindow)
    {
        lock (lease.Sync)
        {
            return lease.TryDecide(_clock.GetUtcNow(), permitsPerWindow);
        }
    }

    public async Task<int> RemainingAsync(string clientKey, int permitsPerWindow, CancellationToken cancellationToken)
    {
        var lease = _leases.For(clientKey);
        lock (lease.Sync)
        {
            if (lease.KnownRemaining(_clock.GetUtcNow(), permitsPerWindow) is { } known)
            {
                return known;
            }
        }

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
