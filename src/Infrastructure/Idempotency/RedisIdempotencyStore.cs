using System.Text.Json;
using Polly;
using Polly.Retry;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Idempotency;

/// <summary>
/// Idempotency records in Redis. A claim is an atomic SET NX, so two concurrent requests with one
/// key never both execute; an unfinished claim expires after five minutes if its instance dies.
/// </summary>
internal sealed class RedisIdempotencyStore : IIdempotencyStore
{
    private const string Service = "The idempotency store";
    private static readonly TimeSpan ClaimTimeToLive = TimeSpan.FromMinutes(5);

    // Four attempts a quarter of a second apart; each is bounded by the connection's own command timeout.
    private static readonly ResiliencePipeline CompleteRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(RedisFailures.IsOutage),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
        })
        .Build();

    private readonly IConnectionMultiplexer _redis;
    private readonly OutageLog _outages;

    public RedisIdempotencyStore(IConnectionMultiplexer redis, OutageLog outages)
    {
        _redis = redis;
        _outages = outages;
    }

    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, string requestHash, CancellationToken cancellationToken)
    {
        var database = _redis.GetDatabase();
        var redisKey = KeyFor(key);
        var pending = JsonSerializer.Serialize(new Entry(requestHash, null), RedisJson.Options);
        if (await RequiredRedis.CallAsync(_outages, Service, () => database.StringSetAsync(redisKey, pending, ClaimTimeToLive, When.NotExists)))
        {
            return new IdempotencyClaim(IdempotencyClaimOutcome.Claimed);
        }

        var value = await RequiredRedis.CallAsync(_outages, Service, () => database.StringGetAsync(redisKey));
        if (value.IsNullOrEmpty)
        {
            // The other claim expired between our two calls: try once more.
            return await ClaimAsync(key, requestHash, cancellationToken);
        }

        var entry = JsonSerializer.Deserialize<Entry>(value.ToString(), RedisJson.Options)!;
        if (!string.Equals(entry.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyClaim(IdempotencyClaimOutcome.Mismatch);
        }

        return entry.Response is null
            ? new IdempotencyClaim(IdempotencyClaimOutcome.InProgress)
            : new IdempotencyClaim(IdempotencyClaimOutcome.Replay, entry.Response);
    }

    /// <summary>
    /// Stores the response, retrying a short Redis blip: the request has run, and an unrecorded claim would make a
    /// retry after it expires run the request again.
    /// </summary>
    public async Task CompleteAsync(IdempotencyKey key, string requestHash, StoredResponse response, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new Entry(requestHash, response), RedisJson.Options);
        var redisKey = KeyFor(key);
        await RequiredRedis.CallAsync(_outages, Service, () => CompleteRetry.ExecuteAsync(
            async _ => await _redis.GetDatabase().StringSetAsync(redisKey, json, CacheKeys.IdempotencyTimeToLive),
            cancellationToken).AsTask());
    }

    public Task ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken) =>
        RequiredRedis.CallAsync(_outages, Service, () => _redis.GetDatabase().KeyDeleteAsync(KeyFor(key)));

    private static string KeyFor(IdempotencyKey key) =>
        CacheKeys.Idempotency(key.UserId, key.Route, key.KeyHash);

    private sealed record Entry(string RequestHash, StoredResponse? Response);
}
