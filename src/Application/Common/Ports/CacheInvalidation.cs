namespace Shop.Application.Common.Ports;

/// <summary>
/// Cache keys a command makes stale. They are removed only after its transaction commits,
/// so no reader can cache the old value again between the removal and the commit.
/// </summary>
public sealed class CacheInvalidation
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _keys;

    public void Invalidate(string key) => _keys.Add(key);

    public void Clear() => _keys.Clear();
}
