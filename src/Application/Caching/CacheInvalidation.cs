namespace Shop.Application.Caching;

/// <summary>
/// Cache keys the current command made stale. The persistence adapter fills it from what it writes (never a handler);
/// the transaction behaviour removes them only after the commit (or after a commit that failed without an answer, which
/// may have taken effect), so a reader cannot cache the old value again between the removal and the commit. One narrow window stays: a reader that read the row just before the commit
/// and writes the cache just after the removal leaves the old value until its TTL ends (15 min for products, 1 h
/// for users; a few seconds in another instance's memory).
/// </summary>
public sealed class CacheInvalidation
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _keys;

    public void Invalidate(string key) => _keys.Add(key);

    public void Clear() => _keys.Clear();
}
