using System.Text.Json;
using Microsoft.Extensions.Logging;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.Caching;

/// <summary>
/// The shared level of the cache (see <see cref="Caching.TwoLevelCache"/>): JSON values in Redis under the schema's keys
/// and TTLs, with single-key commands only so that it runs on a standalone server, Sentinel and a cluster alike.
/// Reads and writes that fail fall back to the database; an outage is reported to the <see cref="OutageLog"/>, other
/// failures are logged. Removal runs after a commit and never fails the request: a key it could not delete stays
/// stale until its TTL ends.
/// </summary>
internal sealed partial class RedisCache
{
    private readonly IConnectionMultiplexer _redis;
    private readonly OutageLog _outages;
    private readonly ILogger<RedisCache> _logger;

    public RedisCache(IConnectionMultiplexer redis, OutageLog outages, ILogger<RedisCache> logger)
    {
        _redis = redis;
        _outages = outages;
        _logger = logger;
    }

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await _redis.GetDatabase().StringGetAsync(key);
            _outages.Answered(OutageLog.Redis);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(value.ToString(), RedisJson.Options);
        }
        catch (Exception exception) when (RedisFailures.IsOutage(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
            return null;
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception) || exception is JsonException)
        {
            LogReadFailed(key, exception);
            return null;
        }
    }

    public async Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var json = JsonSerializer.Serialize(value, RedisJson.Options);
            await _redis.GetDatabase().StringSetAsync(key, json, timeToLive);
        }
        catch (Exception exception) when (RedisFailures.IsOutage(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            LogWriteFailed(key, exception);
        }
    }

    /// <summary>
    /// One DEL per key, sent together: a DEL of several keys is refused on a cluster when they hash to different
    /// slots, which any two product keys may.
    /// </summary>
    public async Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var database = _redis.GetDatabase();
        var deletions = keys.Select(key => (Key: key, Deleted: DeleteAsync(database, key))).ToList();
        try
        {
            await Task.WhenAll(deletions.Select(deletion => deletion.Deleted));
        }
        catch (Exception exception) when (RedisFailures.IsOutage(exception))
        {
            _outages.Failed(OutageLog.Redis, exception);
        }
        catch (Exception exception) when (RedisFailures.IsAny(exception))
        {
            var failed = deletions.Where(deletion => !deletion.Deleted.IsCompletedSuccessfully).Select(deletion => deletion.Key);
            LogRemoveFailed(string.Join(", ", failed), exception);
        }
    }

    // Awaited here so that a command the client refuses at once (it may throw before returning a task)
    // becomes a failed task like every other failure.
    private static async Task DeleteAsync(IDatabase database, string key) => await database.KeyDeleteAsync(key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache read of {Key} failed; reading the database")]
    private partial void LogReadFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache write of {Key} failed")]
    private partial void LogWriteFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cache removal of {Keys} failed; entries stay stale until they expire")]
    private partial void LogRemoveFailed(string keys, Exception exception);
}
