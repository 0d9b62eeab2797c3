using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>
/// Failed logins per e-mail in Redis under a SHA-256 of the e-mail, so no address sits there in clear. When Redis
/// does not answer, logging in is refused as unavailable (fail closed): it needs Redis for its session anyway, and
/// letting unchecked guesses through would answer 401 or 503 by whether the password was right.
/// </summary>
internal sealed class RedisLoginThrottle : ILoginThrottle
{
    private const string Service = "The login throttle";
    private readonly IConnectionMultiplexer _redis;
    private readonly LoginThrottleOptions _options;
    private readonly OutageLog _outages;

    public RedisLoginThrottle(IConnectionMultiplexer redis, IOptions<LoginThrottleOptions> options, OutageLog outages)
    {
        _redis = redis;
        _options = options.Value;
        _outages = outages;
    }

    public Task<ThrottleDecision> TryAttemptAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        RequiredRedis.CallAsync(_outages, Service, () => RedisWindowCounter.TryCountAsync(_redis.GetDatabase(), KeyFor(normalizedEmail), _options.MaxFailures, _options.Window));

    public Task ClearAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().KeyDeleteAsync(KeyFor(normalizedEmail)));

    internal string KeyFor(string normalizedEmail) =>
        _options.KeyFor(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail))));
}
