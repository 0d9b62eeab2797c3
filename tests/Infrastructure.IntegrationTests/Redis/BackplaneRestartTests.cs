using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.TestSupport;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>
/// Two instances with the production wiring on a Redis of their own, which is restarted under them: the memory level's
/// backplane subscribes again by itself, and a removal on one instance then evicts the entry from the other's memory.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BackplaneRestartTests : IAsyncLifetime
{
    private DedicatedRedis? _redis;
    private ServiceProvider? _first;
    private ServiceProvider? _second;

    private DedicatedRedis Redis => _redis ?? throw new InvalidOperationException("Not initialized.");

    private IServiceProvider First => _first ?? throw new InvalidOperationException("Not initialized.");

    private IServiceProvider Second => _second ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _redis = await DedicatedRedis.StartAsync();
        _first = RedisOnlyInstance.Of(_redis.ConnectionString);
        _second = RedisOnlyInstance.Of(_redis.ConnectionString);
        await Backplane.SubscribedAsync(_first);
        await Backplane.SubscribedAsync(_second);
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        _redis?.Dispose();
    }

    [Fact]
    public async Task After_a_redis_restart_both_instances_listen_again_and_a_removal_on_one_evicts_the_entry_from_the_others_memory()
    {
        var channel = Backplane.ChannelOf(First);
        Assert.Equal(2, await SubscribersAsync(channel));

        await Redis.StopAsync();
        await Redis.StartAgainAsync();

        // Seen by the restarted server itself, which knows of no subscription until a client makes it again.
        await WaitUntilAsync(async () => await SubscribersAsync(channel) == 2, "both instances subscribed to the restarted Redis again");
        var instanceA = First.GetRequiredService<ICache>();
        var instanceB = Second.GetRequiredService<ICache>();
        var id = Guid.NewGuid();
        var key = $"cache:product:{id}";
        var old = new ProductResponse(id, "Restarted widget", null, 3m, 5, true);
        var changed = old with { Stock = 4 };
        await WaitUntilAsync(
            async () =>
            {
                await First.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync();
                await Second.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync();
                return true;
            },
            "both instances answered by the restarted Redis");
        var sinceLoadOnB = Stopwatch.StartNew();
        await instanceB.GetOrLoadAsync(key, TimeSpan.FromMinutes(15), _ => Task.FromResult<ProductResponse?>(old), CancellationToken.None);
        Assert.True(await Second.GetRequiredService<IConnectionMultiplexer>().GetDatabase().KeyExistsAsync(key), "B's load did not reach Redis");

        await instanceA.RemoveAsync([key], CancellationToken.None);
        // A bound, not a wait: past B's memory lifetime the entry would leave it without any eviction.
        var expiresOnB = TwoLevelCache.MemoryLifetime - TimeSpan.FromMilliseconds(250);
        ProductResponse? seen;
        do
        {
            seen = await instanceB.GetOrLoadAsync(key, TimeSpan.FromMinutes(15), _ => Task.FromResult<ProductResponse?>(changed), CancellationToken.None);
        }
        while (!ReferenceEquals(seen, changed) && sinceLoadOnB.Elapsed < expiresOnB);

        Assert.True(ReferenceEquals(seen, changed), $"B still served the old entry {sinceLoadOnB.Elapsed} after it loaded it");
    }

    /// <summary>How many clients the server says listen on <paramref name="channel"/> (PUBSUB NUMSUB), on a connection of the test's own.</summary>
    private async Task<long> SubscribersAsync(RedisChannel channel)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",abortConnect=false");
        var answer = await admin.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", channel.ToString());
        return answer.IsNull ? 0 : (long)((RedisResult[])answer!)[1];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await done())
                {
                    return;
                }
            }
            catch (RedisException)
            {
                // Still reconnecting.
            }

            if (clock.Elapsed > Backplane.Patience)
            {
                throw new TimeoutException($"Not {what} within {Backplane.Patience}.");
            }

            await Task.Delay(50);
        }
    }
}
