using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Idempotency;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.RateLimiting;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>RedisRateLimiter against the real Redis: a one-minute fixed window per client.</summary>
public sealed class RedisRateLimiterTests : IClassFixture<EmptyDatabaseFixture>
{
    private readonly EmptyDatabaseFixture _fixture;

    public RedisRateLimiterTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    private IRateLimiter Limiter => _fixture.Services.GetRequiredService<IRateLimiter>();

    [Fact]
    public async Task The_first_hit_creates_the_counter_with_a_TTL_of_at_most_a_minute()
    {
        var ip = NewIp();

        var decision = await Limiter.HitAsync(ip, 5, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.Equal(4, decision.Remaining);
        Assert.True(decision.ResetAfter > TimeSpan.Zero && decision.ResetAfter <= TimeSpan.FromMinutes(1), $"resets after {decision.ResetAfter}");
        Assert.Equal(1L, (long)await _fixture.RedisDatabase.StringGetAsync($"rate:{ip}"));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync($"rate:{ip}");
        Assert.NotNull(ttl);
        Assert.True(ttl.Value > TimeSpan.FromSeconds(50) && ttl.Value <= TimeSpan.FromSeconds(60), $"TTL is {ttl.Value}");
    }

    [Fact]
    public async Task Remaining_reads_the_window_without_counting()
    {
        var ip = NewIp();
        var untouched = await Limiter.RemainingAsync(ip, 5, CancellationToken.None);
        await Limiter.HitAsync(ip, 5, CancellationToken.None);
        await Limiter.HitAsync(ip, 5, CancellationToken.None);

        var remaining = await Limiter.RemainingAsync(ip, 5, CancellationToken.None);

        Assert.Equal(5, untouched);
        Assert.Equal(3, remaining);
        Assert.Equal(2L, (long)await _fixture.RedisDatabase.StringGetAsync($"rate:{ip}"));
    }

    [Fact]
    public async Task Hits_up_to_the_limit_are_allowed_with_the_right_remainder_and_the_next_one_is_refused()
    {
        var ip = NewIp();
        const int Limit = 5;

        for (var hit = 1; hit <= Limit; hit++)
        {
            var decision = await Limiter.HitAsync(ip, Limit, CancellationToken.None);
            Assert.True(decision.Allowed, $"hit {hit} was refused");
            Assert.Equal(Limit - hit, decision.Remaining);
        }

        var refused = await Limiter.HitAsync(ip, Limit, CancellationToken.None);
        Assert.False(refused.Allowed);
        Assert.Equal(0, refused.Remaining);
        Assert.True(refused.ResetAfter > TimeSpan.Zero && refused.ResetAfter <= TimeSpan.FromMinutes(1));

        var again = await Limiter.HitAsync(ip, Limit, CancellationToken.None);
        Assert.False(again.Allowed);
        Assert.Equal(0, again.Remaining);
        // Once every permit of the window is leased out, the instance refuses without asking Redis again.
        Assert.Equal((long)Limit, (long)await _fixture.RedisDatabase.StringGetAsync($"rate:{ip}"));
    }

    [Fact]
    public async Task Later_hits_do_not_extend_the_window()
    {
        var ip = NewIp();
        var key = $"rate:{ip}";
        await Limiter.HitAsync(ip, 100, CancellationToken.None);

        // Pretend half the window has passed: a limiter that resets the expiry on each hit puts it back to a minute.
        var halfWindow = TimeSpan.FromSeconds(30);
        Assert.True(await _fixture.RedisDatabase.KeyExpireAsync(key, halfWindow));
        for (var i = 0; i < 4; i++)
        {
            await Limiter.HitAsync(ip, 100, CancellationToken.None);
        }

        var last = await Limiter.HitAsync(ip, 100, CancellationToken.None);

        var laterTtl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(key);
        Assert.NotNull(laterTtl);
        Assert.True(laterTtl <= halfWindow, $"a hit extended the window from {halfWindow} to {laterTtl}");
        Assert.True(last.ResetAfter <= halfWindow, $"the decision reports a reset after {last.ResetAfter}, beyond the {halfWindow} left");
        Assert.Equal(6L, (long)await _fixture.RedisDatabase.StringGetAsync(key));
    }

    [Fact]
    public async Task Clients_are_counted_separately()
    {
        var (busy, quiet) = (NewIp(), NewIp());
        for (var i = 0; i < 3; i++)
        {
            await Limiter.HitAsync(busy, 2, CancellationToken.None);
        }

        var decision = await Limiter.HitAsync(quiet, 2, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.Equal(1, decision.Remaining);
    }

    [Fact]
    public async Task A_counter_left_without_TTL_gets_one_on_the_next_hit()
    {
        var ip = NewIp();
        await _fixture.RedisDatabase.StringSetAsync($"rate:{ip}", 3);

        var decision = await Limiter.HitAsync(ip, 10, CancellationToken.None);

        Assert.Equal(6, decision.Remaining);
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync($"rate:{ip}");
        Assert.NotNull(ttl);
        Assert.True(ttl.Value <= TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Two_instances_sharing_the_window_never_allow_more_than_the_limit_and_a_busy_client_costs_few_redis_calls()
    {
        var ip = NewIp();
        const int Limit = 600;
        var maxLease = PermitLease.MaxSize(Limit);
        await using var redisA = await ConnectionMultiplexer.ConnectAsync(_fixture.RedisConnectionString);
        await using var redisB = await ConnectionMultiplexer.ConnectAsync(_fixture.RedisConnectionString);
        using var leasesA = new PermitLeases();
        using var leasesB = new PermitLeases();
        var instanceA = new RedisRateLimiter(redisA, leasesA, TimeProvider.System, new OutageLog(NullLogger<OutageLog>.Instance, TimeProvider.System));
        var instanceB = new RedisRateLimiter(redisB, leasesB, TimeProvider.System, new OutageLog(NullLogger<OutageLog>.Instance, TimeProvider.System));
        var callsBefore = redisA.OperationCount + redisB.OperationCount;

        var allowed = 0;
        for (var hit = 0; hit < 800; hit++)
        {
            var decision = await (hit % 2 == 0 ? instanceA : instanceB).HitAsync(ip, Limit, CancellationToken.None);
            allowed += decision.Allowed ? 1 : 0;
        }

        var calls = redisA.OperationCount + redisB.OperationCount - callsBefore;
        // Both instances kept serving after the window ran out, so each spent the whole of its last lease.
        Assert.Equal(Limit, allowed);
        // 800 requests: about 600 / 20 leases while permits last, then one per instance once they ran out.
        Assert.True(calls <= 80, $"{calls} Redis operations for 800 hits");
        Assert.InRange((long)await _fixture.RedisDatabase.StringGetAsync($"rate:{ip}"), Limit, Limit + (2 * maxLease));
    }

    [Fact]
    public async Task Concurrent_hits_are_each_counted_once()
    {
        var ip = NewIp();
        const int Limit = 10;

        var decisions = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Limiter.HitAsync(ip, Limit, CancellationToken.None)));

        Assert.Equal(Limit, decisions.Count(decision => decision.Allowed));
        Assert.Equal(Enumerable.Range(0, Limit).Reverse(), decisions.Where(d => d.Allowed).Select(d => d.Remaining).OrderDescending());
        Assert.Equal((long)Limit, (long)await _fixture.RedisDatabase.StringGetAsync($"rate:{ip}"));
    }

    private static string NewIp() => $"203.0.113.{Random.Shared.Next(1, 255)}-{Guid.NewGuid():N}";
}
