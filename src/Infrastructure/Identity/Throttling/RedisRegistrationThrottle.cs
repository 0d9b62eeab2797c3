using Microsoft.Extensions.Logging;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.Common.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>
/// Registrations per client address in Redis. When Redis does not answer the registration goes ahead (fail open,
/// logged), like the per-IP rate limit: registering needs only PostgreSQL, and the limit is a protection.
/// </summary>
internal sealed partial class RedisRegistrationThrottle : IRegistrationThrottle
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ThrottleSettings _settings;
    private readonly ILogger<RedisRegistrationThrottle> _logger;

    public RedisRegistrationThrottle(IConnectionMultiplexer redis, RegistrationThrottleSettings settings, ILogger<RedisRegistrationThrottle> logger)
    {
        _redis = redis;
        _settings = settings.Value;
        _logger = logger;
    }

    public async Task<ThrottleDecision> TryRegisterAsync(string clientAddress, CancellationToken cancellationToken)
    {
        try
        {
            return await RedisWindowCounter.TryCountAsync(_redis.GetDatabase(), _settings.KeyFor(clientAddress), _settings);
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            LogUnavailable(exception);
            return new ThrottleDecision(true, _settings.Window);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration limit skipped: Redis did not answer")]
    private partial void LogUnavailable(Exception exception);
}

/// <summary>Shop:RegistrationThrottle, as registered at start-up.</summary>
internal sealed record RegistrationThrottleSettings(ThrottleSettings Value);
