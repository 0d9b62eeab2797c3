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
        if (cached is not null)
        {
            return cached;
        }

        var loaded = await load(cancellationToken);
        if (loaded is not null)
        {
            await cache.SetAsync(key, loaded, timeToLive, cancellationToken);
        }

        return loaded;
    }
}
