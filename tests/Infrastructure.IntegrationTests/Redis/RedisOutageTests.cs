using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Persistence;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Idempotency;
using Shop.Infrastructure.Identity;
using Shop.Infrastructure.RateLimiting;
using Shop.Infrastructure.Redis;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>
/// With Redis unreachable, the cache falls back to the database and rate limiting lets requests through;
/// sessions and idempotency records, which a request cannot do without, fail as unavailable.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly OutageLog Outages = new(NullLogger<OutageLog>.Instance, TimeProvider.System);
    private ConnectionMultiplexer _unreachable = null!;

    public async Task InitializeAsync()
    {
        // Port 1 on loopback: nothing listens there, so every command fails fast.
        var options = ConfigurationOptions.Parse("127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=300,asyncTimeout=300,connectRetry=0");
        _unreachable = await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async Task DisposeAsync() => await _unreachable.DisposeAsync();

    [Fact]
    public async Task The_rate_limiter_fails_open_with_the_whole_window_left()
    {
        using var leases = new PermitLeases();
        var limiter = new RedisRateLimiter(_unreachable, leases, TimeProvider.System, Outages);

        var decision = await limiter.HitAsync("203.0.113.9", 5, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.Equal(5, decision.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(1), decision.ResetAfter);
    }

    [Fact]
    public async Task The_remaining_requests_read_as_the_whole_window()
    {
        using var leases = new PermitLeases();
        var limiter = new RedisRateLimiter(_unreachable, leases, TimeProvider.System, Outages);

        Assert.Equal(5, await limiter.RemainingAsync("203.0.113.9", 5, CancellationToken.None));
    }

    [Fact]
    public async Task A_cache_read_misses_instead_of_failing()
    {
        var cache = new RedisCache(_unreachable, Outages, NullLogger<RedisCache>.Instance);
        await cache.SetAsync("cache:product:x", new Probe("stored"), TimeSpan.FromMinutes(1), CancellationToken.None);

        var value = await cache.GetAsync<Probe>("cache:product:x", CancellationToken.None);

        Assert.Null(value);
    }

    [Fact]
    public async Task A_session_lookup_fails_as_unavailable_not_as_a_redis_error()
    {
        var sessions = new RedisSessionStore(_unreachable, TimeProvider.System, Outages, Options.Create(new SessionOptions()));

        var failure = await Assert.ThrowsAsync<ServiceUnavailableException>(() => sessions.FindAsync("some-token", CancellationToken.None));

        Assert.Contains("session store", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idempotency_claim_fails_as_unavailable_not_as_a_redis_error()
    {
        var store = new RedisIdempotencyStore(_unreachable, Outages);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            store.ClaimAsync(new IdempotencyKey(Guid.NewGuid(), "POST /api/orders", "key-1"), "hash", CancellationToken.None));
    }

    private sealed record Probe(string Text);
}
