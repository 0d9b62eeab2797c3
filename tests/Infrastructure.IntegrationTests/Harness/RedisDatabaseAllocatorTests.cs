using Shop.TestSupport;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Harness;

/// <summary>
/// The test harness's Redis databases: two allocators on one server stand for two test processes given the same
/// SHOP_TEST_REDIS, which must never get, and so flush, each other's database.
/// </summary>
public sealed class RedisDatabaseAllocatorTests
{
    [Fact]
    public async Task Two_allocators_on_one_server_never_hand_out_the_same_database()
    {
        var servers = await TestServers.GetAsync();
        await using var first = new RedisDatabaseAllocator(servers.RedisConnectionString, servers.RedisDatabaseCount);
        await using var second = new RedisDatabaseAllocator(servers.RedisConnectionString, servers.RedisDatabaseCount);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).ClaimAsync()));
        try
        {
            var indexes = claims.Select(claim => claim.Index).ToList();
            Assert.All(indexes, index => Assert.InRange(index, 1, servers.RedisDatabaseCount - 1));
            Assert.Equal(indexes.Count, indexes.Distinct().Count());
        }
        finally
        {
            foreach (var claim in claims)
            {
                await claim.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_claim_by_another_allocator_leaves_the_keys_of_a_held_database_alone()
    {
        var servers = await TestServers.GetAsync();
        await using var first = new RedisDatabaseAllocator(servers.RedisConnectionString, servers.RedisDatabaseCount);
        await using var second = new RedisDatabaseAllocator(servers.RedisConnectionString, servers.RedisDatabaseCount);
        await using var held = await first.ClaimAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        var database = connection.GetDatabase(held.Index);
        await database.StringSetAsync("kept", "yes");

        var others = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => second.ClaimAsync()));
        foreach (var other in others)
        {
            await other.DisposeAsync();
        }

        Assert.DoesNotContain(held.Index, others.Select(other => other.Index));
        Assert.Equal("yes", (string?)await database.StringGetAsync("kept"));
    }

    [Fact]
    public async Task A_disposed_claim_frees_its_database()
    {
        var servers = await TestServers.GetAsync();
        await using var allocator = new RedisDatabaseAllocator(servers.RedisConnectionString, servers.RedisDatabaseCount);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(servers.RedisConnectionString);
        var markers = connection.GetDatabase(0);

        var claim = await allocator.ClaimAsync();
        var marker = RedisDatabaseAllocator.Marker(claim.Index);
        var ttlWhileHeld = await markers.KeyTimeToLiveAsync(marker);
        await claim.DisposeAsync();

        Assert.NotNull(ttlWhileHeld);
        Assert.True(ttlWhileHeld <= RedisDatabaseAllocator.ClaimLifetime, $"the claim would outlive a crash by {ttlWhileHeld}");
        Assert.False(await markers.KeyExistsAsync(marker));
    }
}
