using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure.Caching;
using Shop.TestSupport;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>The memory level's backplane on a 3-master cluster: an eviction published on one instance reaches another.</summary>
[Collection(SharedRedisCluster.Name)]
public sealed class ClusterTwoLevelCacheTests
{
    private readonly RedisClusterFixture _fixture;

    public ClusterTwoLevelCacheTests(RedisClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_removal_on_one_instance_evicts_the_entry_from_the_memory_of_another_connected_to_other_nodes()
    {
        await using var second = await SecondInstanceAsync();
        var instanceA = _fixture.Services.GetRequiredService<ICache>();
        var instanceB = second.GetRequiredService<ICache>();
        var id = Guid.NewGuid();
        var key = $"cache:product:{id}";
        var old = new ProductResponse(id, "Clustered widget", null, 3m, 5, true);
        var changed = old with { Stock = 4 };
        var loads = 0;
        await instanceB.GetOrLoadAsync(key, TimeSpan.FromMinutes(15), _ => Load(old, ref loads), CancellationToken.None);
        // A serving instance has read before it removes. A removal that was a fresh instance's very first operation
        // was once seen not to reach B (cause not established; the memory lifetime bounds what it costs).
        var warmUp = 0;
        await instanceA.GetOrLoadAsync($"cache:product:{Guid.NewGuid()}", TimeSpan.FromMinutes(15), _ => Load(old, ref warmUp), CancellationToken.None);

        await instanceA.RemoveAsync([key], CancellationToken.None);
        var sinceRemoval = Stopwatch.StartNew();
        ProductResponse? seen;
        do
        {
            seen = await instanceB.GetOrLoadAsync(key, TimeSpan.FromMinutes(15), _ => Load(changed, ref loads), CancellationToken.None);
        }
        while (!ReferenceEquals(seen, changed) && sinceRemoval.Elapsed < TimeSpan.FromSeconds(2));

        Assert.Same(changed, seen);
        Assert.True(sinceRemoval.Elapsed < TwoLevelCache.MemoryLifetime / 2, $"B still served the old entry for {sinceRemoval.Elapsed}");
        Assert.Equal(2, loads); // the removal cleared the shared entry too: B loaded again
    }

    private static async Task<ServiceProvider> SecondInstanceAsync()
    {
        var cluster = await LocalRedisCluster.GetAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
                ["ConnectionStrings:Redis"] = cluster.ConnectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    private static Task<ProductResponse?> Load(ProductResponse product, ref int loads)
    {
        Interlocked.Increment(ref loads);
        return Task.FromResult<ProductResponse?>(product);
    }
}
