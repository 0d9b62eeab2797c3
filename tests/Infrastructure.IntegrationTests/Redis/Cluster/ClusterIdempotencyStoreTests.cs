using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>RedisIdempotencyStore on a 3-master cluster.</summary>
[Collection(SharedRedisCluster.Name)]
public sealed class ClusterIdempotencyStoreTests
{
    private readonly RedisClusterFixture _fixture;

    public ClusterIdempotencyStoreTests(RedisClusterFixture fixture) => _fixture = fixture;

    private IIdempotencyStore Store => _fixture.Services.GetRequiredService<IIdempotencyStore>();

    [Fact]
    public async Task A_key_is_claimed_completed_replayed_and_released()
    {
        var key = new IdempotencyKey(Guid.NewGuid(), "POST /api/orders", $"client-key-{Guid.NewGuid():N}");
        var response = new StoredResponse(201, "{\"id\":\"7\"}", "/api/orders/7");

        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await Store.ClaimAsync(key, "hash-1", CancellationToken.None)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await Store.ClaimAsync(key, "hash-1", CancellationToken.None)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.Mismatch, (await Store.ClaimAsync(key, "hash-2", CancellationToken.None)).Outcome);

        await Store.CompleteAsync(key, "hash-1", response, CancellationToken.None);

        var replay = await Store.ClaimAsync(key, "hash-1", CancellationToken.None);
        Assert.Equal(IdempotencyClaimOutcome.Replay, replay.Outcome);
        Assert.Equal(response, replay.Response);
        var ttl = await _fixture.Database.KeyTimeToLiveAsync(RedisKeyFor(key));
        Assert.NotNull(ttl);
        Assert.True(ttl.Value > TimeSpan.FromHours(23) && ttl.Value <= TimeSpan.FromHours(24), $"TTL is {ttl.Value}");

        await Store.ReleaseAsync(key, CancellationToken.None);

        Assert.False(await _fixture.Database.KeyExistsAsync(RedisKeyFor(key)));
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await Store.ClaimAsync(key, "hash-2", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Concurrent_claims_of_one_key_yield_exactly_one_Claimed()
    {
        var key = new IdempotencyKey(Guid.NewGuid(), "POST /api/orders", $"client-key-{Guid.NewGuid():N}");

        var outcomes = (await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Store.ClaimAsync(key, "same", CancellationToken.None))))
            .Select(claim => claim.Outcome)
            .ToList();

        Assert.Single(outcomes, outcome => outcome == IdempotencyClaimOutcome.Claimed);
        Assert.Equal(9, outcomes.Count(outcome => outcome == IdempotencyClaimOutcome.InProgress));
    }

    private static string RedisKeyFor(IdempotencyKey key) =>
        $"idempotency:{key.UserId}:{key.Route}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)))}";
}
