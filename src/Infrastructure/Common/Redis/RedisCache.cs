using System.Text.Json;
using Microsoft.Extensions.Logging;
using Shop.Application.Common.Ports;
using StackExchange.Redis;

namespace Shop.Infrastructure.Common.Redis;

/// <summary>
/// Cache-aside store in Redis. Reads and writes that fail fall back to the database (logged);
/// removal failures are logged as errors because they leave a stale entry until its TTL ends.
/// </summary>
internal sealed partial class RedisCache : ICache
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisCache> _logger;

    public RedisCache(IConnectionMultiplexer redis, ILogger<RedisCache> logger)
    {
        _redis = redis;
        _logger = logger;
    }

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await _redis.GetDatabase().StringGetAsync(key);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(value.ToString(), RedisJson.Options);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or JsonException)
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
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogWriteFailed(key, exception);
        }
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            await _redis.GetDatabase().KeyDeleteAsync([.. keys.Select(key => (RedisKey)key)]);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogRemoveFailed(string.Join(", ", keys), exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache read of {Key} failed; reading the database")]
    private partial void LogReadFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cache write of {Key} failed")]
    private partial void LogWriteFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cache removal of {Keys} failed; entries stay stale until they expire")]
    private partial void LogRemoveFailed(string keys, Exception exception);
}
