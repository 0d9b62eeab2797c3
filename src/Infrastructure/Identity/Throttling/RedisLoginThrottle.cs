using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Identity.Throttling;

/// <summary>
/// Failed logins in Redis under a SHA-256 of the e-mail, so no address sits there in clear. Every call touches one key
/// (separate commands, no multi-key script), so it runs on a cluster. When Redis does not answer, logging in is refused
/// as unavailable (fail closed): it needs Redis for its session anyway, and letting unchecked guesses through would
/// answer 401 or 503 by whether the password was right.
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

    public Task<LoginAttempt> TryAttemptAsync(string normalizedEmail, string clientAddress, CancellationToken cancellationToken) =>
        RequiredRedis.CallAsync(_outages, Service, async () =>
        {
            var database = _redis.GetDatabase();
            var fromAddress = await RedisWindowCounter.TryCountAsync(
                database, _options.AddressKeyFor(clientAddress), _options.MaxFailuresPerAddress, _options.Window);
            if (!fromAddress.Allowed)
            {
                return new LoginAttempt(normalizedEmail, clientAddress, false, LoginLimit.Address, fromAddress.RetryAfter);
            }

            var hash = Hash(normalizedEmail);
            var known = await database.KeyExistsAsync(_options.KnownAddressKeyFor(hash, clientAddress));
            var forAccount = await RedisWindowCounter.TryCountAsync(
                database, AccountKey(hash, clientAddress, known), _options.MaxFailures, _options.Window);
            return new LoginAttempt(
                normalizedEmail, clientAddress, known, forAccount.Allowed ? null : LoginLimit.Account, forAccount.RetryAfter);
        });

    public Task SucceededAsync(LoginAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return RequiredRedis.CallAsync(_outages, Service, async () =>
        {
            var database = _redis.GetDatabase();
            var hash = Hash(attempt.NormalizedEmail);
            var account = AccountKey(hash, attempt.ClientAddress, attempt.FromKnownAddress);
            await Task.WhenAll(
                RedisWindowCounter.UncountAsync(database, _options.AddressKeyFor(attempt.ClientAddress)),
                attempt.FromKnownAddress ? database.KeyDeleteAsync(account) : RedisWindowCounter.UncountAsync(database, account),
                database.StringSetAsync(_options.KnownAddressKeyFor(hash, attempt.ClientAddress), 1, _options.KnownAddressLifetime));
            return true;
        });
    }

    internal static string Hash(string normalizedEmail) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    private string AccountKey(string hash, string clientAddress, bool known) =>
        known ? _options.KnownAddressFailuresKeyFor(hash, clientAddress) : _options.KeyFor(hash);
}
