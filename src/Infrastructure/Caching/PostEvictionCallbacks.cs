using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Shop.Application.EdgePorts;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Events;

namespace Shop.Infrastructure.Caching;

/// <summary>
/// Post-eviction callbacks for this instance's memory cache: <see cref="TwoLevelCache"/> reports its own removals; a
/// removal another instance announces on the backplane is applied here first, then reported.
/// </summary>
internal sealed partial class PostEvictionCallbacks : IPostEvictionCallbacks, IDisposable
{
    private static readonly FusionCacheEntryOptions HereOnly = new() { SkipBackplaneNotifications = true };

    private readonly IFusionCache _memory;
    private readonly ILogger<PostEvictionCallbacks> _logger;
    private ImmutableArray<Func<string, ValueTask>> _listeners = [];

    public PostEvictionCallbacks(IFusionCache memory, ILogger<PostEvictionCallbacks> logger)
    {
        _memory = memory;
        _logger = logger;
        _memory.Events.Backplane.MessageReceived += OnMessageReceived;
    }

    public void Register(Func<string, ValueTask> evicted) => ImmutableInterlocked.Update(ref _listeners, listeners => listeners.Add(evicted));

    /// <summary>
    /// Reports keys already removed from this instance's memory. Never throws: it runs after a commit, whose response
    /// must stand; a listener that fails is logged, and what it keeps expires with its own lifetime.
    /// </summary>
    public async Task ReportAsync(IEnumerable<string> keys)
    {
        var listeners = _listeners;
        foreach (var key in keys)
        {
            foreach (var listener in listeners)
            {
                try
                {
                    await listener(key);
                }
                catch (Exception failure) when (failure is not OutOfMemoryException)
                {
                    LogListenerFailed(failure, key);
                }
            }
        }
    }

    public void Dispose() => _memory.Events.Backplane.MessageReceived -= OnMessageReceived;

    private void OnMessageReceived(object? sender, FusionCacheBackplaneMessageEventArgs received)
    {
        var message = received.Message;
        if (message.SourceId == _memory.InstanceId || message.CacheKey is not { } key)
        {
            return;
        }

        _ = EvictAsync(key);
    }

    // FusionCache raises the event before it expires the entry itself; removing it here first means a listener never
    // rebuilds from the entry the message is about.
    private async Task EvictAsync(string key)
    {
        try
        {
            await _memory.RemoveAsync(key, HereOnly);
            await ReportAsync([key]);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            LogEvictionFailed(failure, key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not evict {Key} announced by another instance; it expires with its memory lifetime")]
    private partial void LogEvictionFailed(Exception failure, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A listener failed to drop what it built from {Key}; that expires with its own lifetime")]
    private partial void LogListenerFailed(Exception failure, string key);
}
