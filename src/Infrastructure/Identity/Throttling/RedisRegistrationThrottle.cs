using Microsoft.Extensions.Options;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>
/// Registrations per client address in Redis. When Redis does not answer the registration goes ahead (fail open,
/// reported to the outage log), like the per-IP rate limit: registering needs only PostgreSQL, and the limit is a protection.
/// </summary>
internal sealed class RedisRegistrationThrottle : IRegistrationThrottle
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RegistrationThrottleOptions _options;
    private readonly OutageLog _outages;

    public RedisRegistrationThrottle(IConnectionMultiplexer redis, IOptions<RegistrationThrottleOptions> options, OutageLog outages)
    {
        _redis = redis;
        _options = options.Value;
        _outages = outages;
    }

    public async Task<ThrottleDecision> TryRegisterAsync(string clientAddress, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await RedisWindowCounter.TryCountAsync(
                _redis.GetDatabase(), _options.KeyFor(clientAddress), _options.PermitsPerWindow, _options.Window);
            _outages.Answered(OutageLog.Redis);
            return decision;
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
            return new ThrottleDecision(true, _options.Window);
        }
    }
}
