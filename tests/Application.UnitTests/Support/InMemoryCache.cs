using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;

namespace Shop.Application.UnitTests.Support;

/// <summary>A cache that keeps values in a dictionary and remembers the TTL each was stored with.</summary>
public sealed class InMemoryCache : ICache
{
    private readonly Dictionary<string, (object Value, TimeSpan TimeToLive)> _entries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (object Value, TimeSpan TimeToLive)> Entries => _entries;

    public void Put(string key, object value, TimeSpan timeToLive) => _entries[key] = (value, timeToLive);

    public async Task<T?> GetOrLoadAsync<T>(
        string key, TimeSpan timeToLive, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            return (T)entry.Value;
        }

        var loaded = await load(cancellationToken);
        if (loaded is not null)
        {
            _entries[key] = (loaded, timeToLive);
        }

        return loaded;
    }

    public Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys ?? [])
        {
            _entries.Remove(key);
        }

        return Task.CompletedTask;
    }
}
