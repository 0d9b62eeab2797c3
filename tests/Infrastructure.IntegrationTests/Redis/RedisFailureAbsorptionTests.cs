using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Pagination;
using Shop.Application.Persistence;
using Shop.Application.Validation;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Idempotency;
using Shop.Infrastructure.RateLimiting;
using Shop.Infrastructure.Redis;
using Shop.TestSupport;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>
/// Cache removal runs after a commit, so no failure of it may reach the caller: neither an outage nor a command
/// the client refuses to send (a <see cref="RedisCommandException"/>, which is no <see cref="RedisException"/>).
/// The idempotency store's completion retries and then reports an outage as unavailable.
/// </summary>
public sealed class RedisFailureAbsorptionTests
{
    [Fact]
    public async Task A_removal_the_client_refuses_to_send_is_logged_once_and_does_not_throw()
    {
        var servers = await TestServers.GetAsync();
        await using var database = await servers.ClaimRedisDatabaseAsync();
        var options = ConfigurationOptions.Parse(servers.RedisConnectionStringFor(database.Index));
        options.CommandMap = CommandMap.Create(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "DEL", "UNLINK" }, available: false);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var logger = new RecordingLogger<RedisCache>();
        var cache = new RedisCache(redis, Outages(new RecordingLogger<OutageLog>()), logger);
        string[] keys = [CacheKeys.Product(Guid.NewGuid()), CacheKeys.Product(Guid.NewGuid())];
        await Assert.ThrowsAsync<RedisCommandException>(() => redis.GetDatabase().KeyDeleteAsync(keys[0]));

        await cache.RemoveAsync(keys, CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<RedisCommandException>(entry.Exception);
        Assert.All(keys, key => Assert.Contains(key, entry.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_removal_while_Redis_is_unreachable_goes_to_the_outage_log_once_and_does_not_throw()
    {
        await using var redis = await UnreachableAsync();
        var logger = new RecordingLogger<RedisCache>();
        var outageLogger = new RecordingLogger<OutageLog>();
        var cache = new RedisCache(redis, Outages(outageLogger), logger);
        string[] keys = [CacheKeys.Product(Guid.NewGuid()), CacheKeys.Product(Guid.NewGuid())];

        await cache.RemoveAsync(keys, CancellationToken.None);
        await cache.RemoveAsync(keys, CancellationToken.None);

        Assert.Empty(logger.Entries);
        var entry = Assert.Single(outageLogger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.StartsWith("Redis outage started: ", entry.Message, StringComparison.Ordinal);
        Assert.Null(entry.Exception);
    }

    [Fact]
    public async Task Completing_an_idempotency_record_while_Redis_stays_unreachable_fails_as_unavailable()
    {
        await using var redis = await UnreachableAsync();
        var store = new RedisIdempotencyStore(redis, Outages(new RecordingLogger<OutageLog>()));

        var failure = await Assert.ThrowsAsync<ServiceUnavailableException>(() => store.CompleteAsync(
            new IdempotencyKey(Guid.NewGuid(), "POST /api/orders", "key-1"), "hash", new StoredResponse(201, "{}", null), CancellationToken.None));

        Assert.Contains("idempotency store", failure.Message, StringComparison.Ordinal);
        Assert.True(RedisFailures.IsOutage(failure.InnerException!), $"the cause is {failure.InnerException}");
    }

    private static OutageLog Outages(ILogger<OutageLog> logger) => new(logger, TimeProvider.System);

    private static async Task<ConnectionMultiplexer> UnreachableAsync() =>
        // Port 1 on loopback: nothing listens there, so every command fails fast.
        await ConnectionMultiplexer.ConnectAsync(
            "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=300,asyncTimeout=300,connectRetry=0");

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        private readonly List<(LogLevel Level, string Message, Exception? Exception)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
