using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>RedisIdempotencyStore against the real Redis.</summary>
public sealed class RedisIdempotencyStoreTests : IClassFixture<EmptyDatabaseFixture>
{
    private readonly EmptyDatabaseFixture _fixture;

    public RedisIdempotencyStoreTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    private IIdempotencyStore Store => _fixture.Services.GetRequiredService<IIdempotencyStore>();

    [Fact]
    public async Task A_claim_is_in_progress_for_the_same_request_and_a_mismatch_for_another()
    {
        var key = NewKey();

        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await Store.ClaimAsync(key, "hash-1", CancellationToken.None)).Outcome);
        var again = await Store.ClaimAsync(key, "hash-1", CancellationToken.None);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, again.Outcome);
        Assert.Null(again.Response);
        Assert.Equal(IdempotencyClaimOutcome.Mismatch, (await Store.ClaimAsync(key, "hash-2", CancellationToken.None)).Outcome);

        // The pending claim lives at most five minutes, under the hash of the client's key.
        var redisKey = RedisKeyFor(key);
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(redisKey);
        Assert.NotNull(ttl);
        Assert.True(ttl.Value > TimeSpan.FromMinutes(4.9) && ttl.Value <= TimeSpan.FromMinutes(5), $"TTL is {ttl.Value}");
    }

    [Fact]
    public async Task A_completed_request_is_replayed_with_its_stored_response()
    {
        var key = NewKey();
        var response = new StoredResponse(201, "{\"id\":\"42\",\"text\":\"ünïcödé\"}", "/api/orders/42");
        await Store.ClaimAsync(key, "hash-1", CancellationToken.None);

        await Store.CompleteAsync(key, "hash-1", response, CancellationToken.None);

        var replay = await Store.ClaimAsync(key, "hash-1", CancellationToken.None);
        Assert.Equal(IdempotencyClaimOutcome.Replay, replay.Outcome);
        Assert.Equal(response, replay.Response);
        Assert.Equal(IdempotencyClaimOutcome.Mismatch, (await Store.ClaimAsync(key, "hash-2", CancellationToken.None)).Outcome);

        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(RedisKeyFor(key));
        Assert.NotNull(ttl);
        Assert.True(ttl.Value > TimeSpan.FromHours(23) && ttl.Value <= TimeSpan.FromHours(24), $"TTL is {ttl.Value}");
    }

    [Fact]
    public async Task A_response_without_location_is_replayed_too()
    {
        var key = NewKey();
        var response = new StoredResponse(200, "{}", null);
        await Store.ClaimAsync(key, "h", CancellationToken.None);
        await Store.CompleteAsync(key, "h", response, CancellationToken.None);

        Assert.Equal(response, (await Store.ClaimAsync(key, "h", CancellationToken.None)).Response);
    }

    [Fact]
    public async Task Release_frees_the_key_for_a_new_claim()
    {
        var key = NewKey();
        await Store.ClaimAsync(key, "hash-1", CancellationToken.None);

        await Store.ReleaseAsync(key, CancellationToken.None);

        Assert.False(await _fixture.RedisDatabase.KeyExistsAsync(RedisKeyFor(key)));
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await Store.ClaimAsync(key, "hash-2", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Keys_are_scoped_by_user_and_route()
    {
        var key = NewKey();
        await Store.ClaimAsync(key, "hash-1", CancellationToken.None);

        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await Store.ClaimAsync(key with { UserId = Guid.NewGuid() }, "hash-1", CancellationToken.None)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await Store.ClaimAsync(key with { Route = "POST /api/products" }, "hash-1", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Twenty_concurrent_claims_of_one_key_yield_exactly_one_Claimed()
    {
        var key = NewKey();
        using var start = new ManualResetEventSlim(false);
        var claims = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await Store.ClaimAsync(key, "same-body", CancellationToken.None);
        })).ToList();

        start.Set();
        var outcomes = (await Task.WhenAll(claims)).Select(claim => claim.Outcome).ToList();

        Assert.Single(outcomes, outcome => outcome == IdempotencyClaimOutcome.Claimed);
        Assert.Equal(19, outcomes.Count(outcome => outcome == IdempotencyClaimOutcome.InProgress));
    }

    [Fact]
    public async Task Twenty_concurrent_claims_with_different_bodies_yield_one_Claimed_and_only_mismatches()
    {
        var key = NewKey();
        var outcomes = (await Task.WhenAll(Enumerable.Range(0, 20)
                .Select(i => Store.ClaimAsync(key, $"body-{i}", CancellationToken.None))))
            .Select(claim => claim.Outcome)
            .ToList();

        Assert.Single(outcomes, outcome => outcome == IdempotencyClaimOutcome.Claimed);
        Assert.Equal(19, outcomes.Count(outcome => outcome == IdempotencyClaimOutcome.Mismatch));
    }

    private static IdempotencyKey NewKey() => new(Guid.NewGuid(), "POST /api/orders", $"client-key-{Guid.NewGuid():N}");

    private static string RedisKeyFor(IdempotencyKey key) =>
        $"idempotency:{key.UserId}:{key.Route}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)))}";
}
