using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>RedisRateLimiter's one-key script on a 3-master cluster.</summary>
[Collection(SharedRedisCluster.Name)]
public sealed class ClusterRateLimiterTests
{
    private readonly RedisClusterFixture _fixture;

    public ClusterRateLimiterTests(RedisClusterFixture fixture) => _fixture = fixture;

    private IRateLimiter Limiter => _fixture.Services.GetRequiredService<IRateLimiter>();

    [Fact]
    public async Task Hits_are_counted_up_to_the_limit_in_a_window_of_a_minute()
    {
        var ip = NewClient();
        const int Limit = 3;

        for (var hit = 1; hit <= Limit; hit++)
        {
            var decision = await Limiter.HitAsync(ip, Limit, CancellationToken.None);
            Assert.True(decision.Allowed, $"hit {hit} was refused");
            Assert.Equal(Limit - hit, decision.Remaining);
            Assert.True(decision.ResetAfter > TimeSpan.Zero && decision.ResetAfter <= TimeSpan.FromMinutes(1), $"resets after {decision.ResetAfter}");
        }

        var refused = await Limiter.HitAsync(ip, Limit, CancellationToken.None);

        Assert.False(refused.Allowed);
        Assert.Equal(0, refused.Remaining);
        Assert.Equal(0, await Limiter.RemainingAsync(ip, Limit, CancellationToken.None));
        // The last permit taken, the instance refuses without counting in Redis again.
        Assert.Equal((long)Limit, (long)await _fixture.Database.StringGetAsync($"rate:{ip}"));
        var ttl = await _fixture.Database.KeyTimeToLiveAsync($"rate:{ip}");
        Assert.NotNull(ttl);
        Assert.True(ttl.Value > TimeSpan.FromSeconds(50) && ttl.Value <= TimeSpan.FromSeconds(60), $"TTL is {ttl.Value}");
    }

    [Fact]
    public async Task A_hit_keeps_the_expiry_the_window_already_has()
    {
        var ip = NewClient();
        await _fixture.Database.StringSetAsync($"rate:{ip}", 2, TimeSpan.FromSeconds(20));

        var decision = await Limiter.HitAsync(ip, 10, CancellationToken.None);

        Assert.Equal(7, decision.Remaining);
        Assert.True(decision.ResetAfter <= TimeSpan.FromSeconds(20), $"the window was extended to {decision.ResetAfter}");
        var ttl = await _fixture.Database.KeyTimeToLiveAsync($"rate:{ip}");
        Assert.NotNull(ttl);
        Assert.True(ttl.Value <= TimeSpan.FromSeconds(20), $"the window was extended to {ttl.Value}");
    }

    [Fact]
    public async Task A_busy_client_leases_its_permits_in_batches_from_the_one_key_of_its_window()
    {
        var ip = NewClient();
        const int Limit = 600;

        for (var hit = 0; hit < 100; hit++)
        {
            Assert.True((await Limiter.HitAsync(ip, Limit, CancellationToken.None)).Allowed);
        }

        // Leases of 1, 2, 4, 8, 16, 20, 20, 20, 20: the counter runs ahead of the 100 hits by less than one lease.
        Assert.InRange((long)await _fixture.Database.StringGetAsync($"rate:{ip}"), 100, 100 + 19);
        Assert.Equal(Limit - 100, await Limiter.RemainingAsync(ip, Limit, CancellationToken.None));
    }

    private static string NewClient() => $"198.51.100.{Random.Shared.Next(1, 255)}-{Guid.NewGuid():N}";
}
