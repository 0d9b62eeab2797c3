using System.Diagnostics;
using Shop.Application.Caching;
using Shop.Application.Telemetry;
using ZiggyCreatures.Caching.Fusion;

namespace Shop.Infrastructure.Caching;

/// <summary>
/// This instance's memory (FusionCache) in front of the entries in Redis that every instance shares (<see cref="RedisCache"/>,
/// whose keys, JSON values and TTLs stay as the schema fixes them: FusionCache's own distributed level would wrap them).
/// A warm read costs no network call. A removal deletes the Redis key first, then evicts the key here and, through
/// FusionCache's Redis backplane, on every other instance, and waits for that message to be published before it
/// returns, so the change's response is sent after every instance was told; what is built from an evicted entry hears of
/// it through <see cref="PostEvictionCallbacks"/>. A lost message costs at most
/// <see cref="MemoryLifetime"/> of staleness on the instance that missed it.
/// </summary>
internal sealed class TwoLevelCache : ICache
{
    /// <summary>How long a value is served from memory before this instance reads Redis again.</summary>
    public static readonly TimeSpan MemoryLifetime = TimeSpan.FromSeconds(5);

    private static readonly FusionCacheEntryOptions Broadcast = new()
    {
        SkipBackplaneNotifications = false,
        AllowBackgroundBackplaneOperations = false,
    };

    private readonly IFusionCache _memory;
    private readonly RedisCache _shared;
    private readonly PostEvictionCallbacks _evictions;

    public TwoLevelCache(IFusionCache memory, RedisCache shared, PostEvictionCallbacks evictions)
    {
        _memory = memory;
        _shared = shared;
        _evictions = evictions;
    }

    public async Task<T?> GetOrLoadAsync<T>(
        string key, TimeSpan timeToLive, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        // Null: the cache's default entry options (MemoryLifetime, no backplane notice of a load); FusionCache copies
        // them before a factory changes them (adaptive caching).
        var inMemory = timeToLive < MemoryLifetime ? _memory.CreateEntryOptions(duration: timeToLive) : null;
        var entry = EntryOf(key);
        var missedMemory = false;
        var value = await _memory.GetOrSetAsync<T?>(
            key,
            async (context, token) =>
            {
                missedMemory = true;
                var shared = await _shared.GetAsync<T>(key, token);
                Count(shared is not null, ShopTelemetry.SharedCacheLevel, entry);
                if (shared is not null)
                {
                    return shared;
                }

                var loaded = await load(token);
                if (loaded is null)
                {
                    context.Options.SkipMemoryCacheWrite = true;
                    return null;
                }

                await _shared.SetAsync(key, loaded, timeToLive, token);
                return loaded;
            },
            options: inMemory,
            token: cancellationToken);
        Count(!missedMemory, ShopTelemetry.MemoryCacheLevel, entry);
        return value;
    }

    private static void Count(bool hit, string level, string entry)
    {
        var tags = new TagList { { ShopTelemetry.CacheLevelTag, level }, { ShopTelemetry.CacheEntryTag, entry } };
        (hit ? ShopTelemetry.CacheHits : ShopTelemetry.CacheMisses).Add(1, tags);
    }

    /// <summary>What a key caches, for the metrics: "product" of "cache:product:{id}".</summary>
    private static string EntryOf(string key)
    {
        var parts = key.Split(':', 3);
        return parts.Length == 3 ? parts[1] : parts[0];
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        // Redis first: an instance evicted before the shared entry is gone could load the old value from it again.
        await _shared.RemoveAsync(keys, cancellationToken);

        // Sent together: each waits for its publish, none for the others'.
        await Task.WhenAll(keys.Select(key => _memory.RemoveAsync(key, Broadcast, cancellationToken).AsTask()));
        await _evictions.ReportAsync(keys);
    }
}
