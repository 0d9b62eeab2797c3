using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Caching;

/// <summary>
/// The memory level in front of Redis, with two instances (two service providers, each with its own Redis connection
/// and memory) on the same Redis database.
/// </summary>
public sealed class TwoLevelCacheTests : TwoInstancesTests
{
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    public TwoLevelCacheTests(EmptyDatabaseFixture fixture) : base(fixture)
    {
    }

    private ICache InstanceA => First.GetRequiredService<ICache>();

    private ICache InstanceB => Second.GetRequiredService<ICache>();

    [Fact]
    public async Task A_miss_stores_the_schemas_json_and_ttl_in_redis_and_a_warm_read_then_needs_neither_redis_nor_the_loader()
    {
        var (key, product) = NewProduct();
        var loads = 0;

        var first = await InstanceA.GetOrLoadAsync(key, FifteenMinutes, _ => Load(product, ref loads), CancellationToken.None);

        Assert.Same(product, first);
        var stored = await Fixture.RedisDatabase.StringGetAsync(key);
        Assert.Equal(product, JsonSerializer.Deserialize<ProductResponse>(stored.ToString(), JsonSerializerOptions.Web));
        Assert.Contains("\"name\":", stored.ToString(), StringComparison.Ordinal);
        var ttl = await Fixture.RedisDatabase.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, FifteenMinutes - TimeSpan.FromSeconds(30), FifteenMinutes);

        // Gone from Redis behind the cache's back: the warm read is answered from this instance's memory.
        await Fixture.RedisDatabase.KeyDeleteAsync(key);
        var warm = await InstanceA.GetOrLoadAsync(key, FifteenMinutes, _ => Load(product with { Stock = 0 }, ref loads), CancellationToken.None);

        Assert.Same(product, warm);
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_removal_on_one_instance_evicts_the_entry_from_the_memory_of_the_other_long_before_it_would_expire()
    {
        var (key, product) = NewProduct();
        var loads = 0;
        await InstanceA.GetOrLoadAsync(key, FifteenMinutes, _ => Load(product, ref loads), CancellationToken.None);
        Assert.Equal(product, await InstanceB.GetOrLoadAsync(key, FifteenMinutes, _ => Load(product, ref loads), CancellationToken.None));
        var sinceLoadOnB = Stopwatch.StartNew();
        Assert.Equal(1, loads); // B found A's entry in Redis

        var changed = product with { Stock = product.Stock - 1 };
        await InstanceA.RemoveAsync([key], CancellationToken.None);
        // A bound, not a wait: past B's memory lifetime the entry would leave it without any eviction.
        var expiresOnB = TwoLevelCache.MemoryLifetime - TimeSpan.FromMilliseconds(250);
        ProductResponse? seen;
        do
        {
            seen = await InstanceB.GetOrLoadAsync(key, FifteenMinutes, _ => Load(changed, ref loads), CancellationToken.None);
        }
        while (!ReferenceEquals(seen, changed) && sinceLoadOnB.Elapsed < expiresOnB);

        Assert.True(ReferenceEquals(seen, changed), $"B still served the old entry {sinceLoadOnB.Elapsed} after it loaded it");
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task Concurrent_misses_of_one_key_on_one_instance_load_it_once()
    {
        var (key, product) = NewProduct();
        var loads = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => InstanceA.GetOrLoadAsync(
            key,
            FifteenMinutes,
            async token =>
            {
                Interlocked.Increment(ref loads);
                await Task.Delay(200, token);
                return product;
            },
            CancellationToken.None)));

        Assert.All(results, result => Assert.Same(product, result));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Nothing_found_is_cached_nowhere()
    {
        var (key, product) = NewProduct();
        var loads = 0;

        Assert.Null(await InstanceA.GetOrLoadAsync<ProductResponse>(key, FifteenMinutes, _ => LoadNothing(ref loads), CancellationToken.None));
        Assert.False(await Fixture.RedisDatabase.KeyExistsAsync(key));
        var created = await InstanceA.GetOrLoadAsync(key, FifteenMinutes, _ => Load(product, ref loads), CancellationToken.None);

        Assert.Same(product, created);
        Assert.Equal(2, loads);
    }

    private static (string Key, ProductResponse Product) NewProduct()
    {
        var id = Guid.NewGuid();
        return ($"cache:product:{id}", new ProductResponse(id, "Cached widget", null, 12.50m, 7, true));
    }

    private static Task<ProductResponse?> Load(ProductResponse product, ref int loads)
    {
        Interlocked.Increment(ref loads);
        return Task.FromResult<ProductResponse?>(product);
    }

    private static Task<ProductResponse?> LoadNothing(ref int loads)
    {
        Interlocked.Increment(ref loads);
        return Task.FromResult<ProductResponse?>(null);
    }
}
