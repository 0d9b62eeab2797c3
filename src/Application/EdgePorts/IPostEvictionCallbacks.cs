namespace Shop.Application.EdgePorts;

/// <summary>
/// Post-eviction callbacks of the two-level cache's memory level (as <c>MemoryCacheEntryOptions.PostEvictionCallbacks</c>,
/// for every key): tells what is built from this instance's memory cache (the web layer's output cache of products) that a key's entry
/// left that memory: removed here after a change, or on another instance's word through the backplane. A listener
/// hears of a key only once the entry is gone, so whatever it rebuilds next reads past it.
/// </summary>
public interface IPostEvictionCallbacks
{
    /// <summary>Calls <paramref name="evicted"/> with the key of every entry evicted from now on.</summary>
    void Register(Func<string, ValueTask> evicted);
}
