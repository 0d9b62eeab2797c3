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
    private readonly ThrottleSettings _settings;
    private readonly OutageLog _outages;

    public RedisRegistrationThrottle(IConnectionMultiplexer redis, RegistrationThrottleSettings settings, OutageLog outages)
    {
        _redis = redis;
        _settings = settings.Value;
        _outages = outages;
    }

    public async Task<ThrottleDecision> TryRegisterAsync(string clientAddress, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await RedisWindowCounter.TryCountAsync(_redis.GetDatabase(), _settings.KeyFor(clientAddress), _settings);
            _outages.Answered(OutageLog.Redis);
            return decision;
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
            return new ThrottleDecision(true, _settings.Window);
        }
    }
}

/// <summary>Shop:RegistrationThrottle, as registered at start-up.</summary>
internal sealed record RegistrationThrottleSettings(ThrottleSettings Value);
