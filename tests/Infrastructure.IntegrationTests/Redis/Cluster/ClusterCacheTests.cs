using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.EdgePorts;
using Shop.Application.Pagination;
using Shop.Application.Persistence;
using Shop.Application.Validation;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Idempotency;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.RateLimiting;
using Shop.Infrastructure.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>RedisCache on a 3-master cluster, where keys of different slots live on different nodes.</summary>
[Collection(SharedRedisCluster.Name)]
public sealed class ClusterCacheTests
{
    private readonly RedisClusterFixture _fixture;

    public ClusterCacheTests(RedisClusterFixture fixture) => _fixture = fixture;

    private RedisCache Cache => _fixture.Services.GetRequiredService<RedisCache>();

    [Fact]
    public async Task Removing_two_product_keys_owned_by_different_masters_deletes_both_and_keeps_the_others()
    {
        var (first, second) = await TwoProductKeysOnDifferentMastersAsync();
        var bystander = CacheKeys.Product(Guid.NewGuid());
        foreach (var key in new[] { first, second, bystander })
        {
            await Cache.SetAsync(key, new Payload(key), TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.True(await _fixture.Database.KeyExistsAsync(key), $"{key} was not stored");
        }

        await Cache.RemoveAsync([first, second], CancellationToken.None);

        Assert.False(await _fixture.Database.KeyExistsAsync(first), $"{first} is still cached");
        Assert.False(await _fixture.Database.KeyExistsAsync(second), $"{second} is still cached");
        Assert.Null(await Cache.GetAsync<Payload>(first, CancellationToken.None));
        Assert.Null(await Cache.GetAsync<Payload>(second, CancellationToken.None));
        Assert.Equal(new Payload(bystander), await Cache.GetAsync<Payload>(bystander, CancellationToken.None));
    }

    [Fact]
    public async Task Set_then_get_on_each_master_returns_the_value_with_its_TTL()
    {
        var (first, second) = await TwoProductKeysOnDifferentMastersAsync();
        foreach (var key in new[] { first, second })
        {
            var product = new ProductResponse(Guid.NewGuid(), "Clustered " + key, null, 4.20m, 7, true);

            await Cache.SetAsync(key, product, CacheKeys.ProductTimeToLive, CancellationToken.None);

            Assert.Equal(product, await Cache.GetAsync<ProductResponse>(key, CancellationToken.None));
            var ttl = await _fixture.Database.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.True(ttl.Value.TotalSeconds is > 890 and <= 900, $"TTL of {key} is {ttl.Value.TotalSeconds} s");
        }
    }

    [Fact]
    public async Task Removing_cached_and_uncached_keys_on_different_masters_deletes_the_cached_ones_and_logs_no_failure()
    {
        var (cachedOnOne, uncachedOnAnother) = await TwoProductKeysOnDifferentMastersAsync();
        var (uncachedOnOne, cachedOnAnother) = await TwoProductKeysOnDifferentMastersAsync();
        var bystander = CacheKeys.Product(Guid.NewGuid());
        foreach (var key in new[] { cachedOnOne, cachedOnAnother, bystander })
        {
            await Cache.SetAsync(key, new Payload(key), TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.True(await _fixture.Database.KeyExistsAsync(key), $"{key} was not stored");
        }

        // Its own loggers: a failed DEL (a CROSSSLOT refusal, an unreachable master) is caught and logged, never thrown.
        var log = new CapturingLogger<RedisCache>();
        var outageLog = new CapturingLogger<OutageLog>();
        var cache = new RedisCache(_fixture.Redis, new OutageLog(outageLog, TimeProvider.System), log);

        await cache.RemoveAsync([cachedOnOne, uncachedOnAnother, uncachedOnOne, cachedOnAnother], CancellationToken.None);

        foreach (var key in new[] { cachedOnOne, uncachedOnAnother, uncachedOnOne, cachedOnAnother })
        {
            Assert.False(await _fixture.Database.KeyExistsAsync(key), $"{key} is cached after the removal");
        }

        Assert.Equal(new Payload(bystander), await Cache.GetAsync<Payload>(bystander, CancellationToken.None));
        Assert.Empty(log.Entries);
        Assert.Empty(outageLog.Entries);
    }

    /// <summary>Two product keys in different slots on different masters, as the cluster itself reports them.</summary>
    private async Task<(string First, string Second)> TwoProductKeysOnDifferentMastersAsync()
    {
        var first = CacheKeys.Product(Guid.NewGuid());
        var firstOwner = await _fixture.OwnerAsync(first);
        for (var tries = 0; tries < 100; tries++)
        {
            var second = CacheKeys.Product(Guid.NewGuid());
            if (!Equals(await _fixture.OwnerAsync(second), firstOwner))
            {
                Assert.NotEqual(await _fixture.KeySlotAsync(first), await _fixture.KeySlotAsync(second));
                return (first, second);
            }
        }

        throw new InvalidOperationException("A hundred random product keys all hashed to one master: is the cluster really three masters?");
    }

    public sealed record Payload(string Value);
}
