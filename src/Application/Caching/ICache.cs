namespace Shop.Application.Caching;

/// <summary>
/// The read-aside cache of query results (product by id, user profile): this instance's memory in front of the entries
/// in Redis that every instance shares. Nothing found is not cached.
/// </summary>
public interface ICache
{
    /// <summary>
    /// The cached value, or the one <paramref name="load"/> returns, cached for <paramref name="timeToLive"/>
    /// (in Redis; in memory for a few seconds at most). Concurrent misses of one key on one instance load it once.
    /// </summary>
    Task<T?> GetOrLoadAsync<T>(string key, TimeSpan timeToLive, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Removes the keys from Redis and from the memory of every instance. Never throws for a Redis failure.</summary>
    Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
