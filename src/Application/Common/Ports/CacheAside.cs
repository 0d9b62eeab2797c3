using System.Diagnostics;
using Shop.Application.Common.Telemetry;

namespace Shop.Application.Common.Ports;

public static class CacheAside
{
    /// <summary>Returns the cached value, or loads it, caches it for <paramref name="timeToLive"/> and returns it. Nothing found is not cached.</summary>
    public static async Task<T?> GetOrLoadAsync<T>(
        this ICache cache, string key, TimeSpan timeToLive, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(load);
        var cached = await cache.GetAsync<T>(key, cancellationToken);
        var tags = new TagList
        {
            { ShopTelemetry.CacheLevelTag, ShopTelemetry.SharedCacheLevel },
            { ShopTelemetry.CacheEntryTag, EntryOf(key) },
        };
        if (cached is not null)
        {
            ShopTelemetry.CacheHits.Add(1, tags);
            return cached;
        }

        ShopTelemetry.CacheMisses.Add(1, tags);

        var loaded = await load(cancellationToken);
        if (loaded is not null)
        {
            await cache.SetAsync(key, loaded, timeToLive, cancellationToken);
        }

        return loaded;
    }

    /// <summary>What a key caches, for the metrics: "product" of "cache:product:{id}".</summary>
    private static string EntryOf(string key)
    {
        var parts = key.Split(':', 3);
        return parts.Length == 3 ? parts[1] : parts[0];
    }
}
