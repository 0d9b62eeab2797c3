using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.TestSupport;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>
/// The memory level's backplane on a 3-master cluster: an eviction published on one instance reaches another that found
/// the cluster through a different node and listens on a different one, so the message crossed the cluster bus.
/// </summary>
[Collection(SharedRedisCluster.Name)]
public sealed class ClusterTwoLevelCacheTests
{
    private readonly RedisClusterFixture _fixture;

    public ClusterTwoLevelCacheTests(RedisClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_removal_on_one_instance_evicts_the_entry_from_the_memory_of_another_connected_to_other_nodes()
    {
        // A was given every master, first to last; B is given one other master only and finds the rest itself.
        var listensOnA = await Backplane.SubscribedAsync(_fixture.Services);
        var (second, listensOnB) = await SecondInstanceListeningElsewhereAsync(listensOnA);
        await using var _ = second;
        Assert.NotEqual(listensOnA, listensOnB);
        var instanceA = _fixture.Services.GetRequiredService<ICache>();
        var instanceB = second.GetRequiredService<ICache>();
        var id = Guid.NewGuid();
        var key = $"cache:product:{id}";
        var old = new ProductResponse(id, "Clustered widget", null, 3m, 5, true);
        var changed = old with { Stock = 4 };
        var loads = 0;
        await instanceB.GetOrLoadAsync(key, TimeSpan.FromMinutes(15), _ => Load(old, ref loads), CancellationToken.None);
        var sinceLoadOnB = Stopwatch.StartNew();

        await instanceA.RemoveAsync([key], CancellationToken.None);
        // A bound, not a wait: past B's memory lifetime the entry would leave it without any eviction.
        var expiresOnB = TwoLevelCache.MemoryLifetime - TimeSpan.FromMilliseconds(250);
        ProductResponse? seen;
        do
        {
            seen = await instanceB.GetOrLoadAsync(key, TimeSpan.FromMinutes(15), _ => Load(changed, ref loads), CancellationToken.None);
        }
        while (!ReferenceEquals(seen, changed) && sinceLoadOnB.Elapsed < expiresOnB);

        Assert.True(ReferenceEquals(seen, changed), $"B still served the old entry {sinceLoadOnB.Elapsed} after it loaded it");
        Assert.Equal(2, loads); // the removal cleared the shared entry too: B loaded again
    }

    /// <summary>
    /// A second instance with the production wiring whose only seed is a master A does not listen on; the cluster's
    /// client picks its backplane's node itself, so an instance that happens to pick A's node is replaced.
    /// </summary>
    private static async Task<(ServiceProvider Services, EndPoint ListensOn)> SecondInstanceListeningElsewhereAsync(EndPoint listensOnA)
    {
        var cluster = await LocalRedisCluster.GetAsync();
        var others = cluster.Ports.Reverse().Where(port => !Equals(listensOnA, new IPEndPoint(IPAddress.Loopback, port))).ToList();
        for (var attempt = 0; attempt < 4 * others.Count; attempt++)
        {
            var seed = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{others[attempt % others.Count]}");
            var services = RedisOnlyInstance.Of(seed);
            var listensOn = await Backplane.SubscribedAsync(services);
            if (!Equals(listensOn, listensOnA))
            {
                return (services, listensOn);
            }

            await services.DisposeAsync();
        }

        throw new InvalidOperationException($"Every second instance listened on {listensOnA}, the node A listens on.");
    }

    private static Task<ProductResponse?> Load(ProductResponse product, ref int loads)
    {
        Interlocked.Increment(ref loads);
        return Task.FromResult<ProductResponse?>(product);
    }
}
