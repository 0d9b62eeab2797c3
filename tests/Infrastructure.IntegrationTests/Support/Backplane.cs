using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// An instance's memory-level backplane as its own Redis client sees it. FusionCache subscribes while it is built
/// (WaitForInitialBackplaneSubscribe), but it tries three times, 250 ms apart, and then carries on unsubscribed: the
/// client subscribes again once its subscription connection is up. A test that publishes before then loses the message.
/// </summary>
internal static class Backplane
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The channel of the instance's backplane, as FusionCache names it (the wiring keeps its defaults).</summary>
    public static RedisChannel ChannelOf(IServiceProvider services)
    {
        var cache = services.GetRequiredService<IFusionCache>();
        var strings = new FusionCacheOptions().InternalStrings;
        return RedisChannel.Literal(
            $"{cache.CacheName}{strings.BackplaneChannelNameSeparator}Backplane{strings.BackplaneWireFormatSeparator}{FusionCacheOptions.BackplaneWireFormatVersion}");
    }

    /// <summary>
    /// Builds the instance's cache and waits until a Redis node has confirmed its backplane subscription on a connection
    /// that is up; returns that node.
    /// </summary>
    public static async Task<EndPoint> SubscribedAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetRequiredService<ICache>();
        var channel = ChannelOf(services);
        var subscriber = services.GetRequiredService<IConnectionMultiplexer>().GetSubscriber();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (subscriber.SubscribedEndpoint(channel) is { } node && subscriber.IsConnected(channel))
            {
                return node;
            }

            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"The backplane of the instance did not subscribe to {channel} within {Patience}.");
            }

            await Task.Delay(20);
        }
    }
}
