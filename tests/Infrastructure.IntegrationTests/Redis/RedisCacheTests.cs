using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.EdgePorts;
using Shop.Application.Pagination;
using Shop.Application.Persistence;
using Shop.Application.Validation;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.Idempotency;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.RateLimiting;
using Shop.Infrastructure.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>RedisCache against the real Redis.</summary>
public sealed class RedisCacheTests : IClassFixture<EmptyDatabaseFixture>
{
    private readonly EmptyDatabaseFixture _fixture;

    public RedisCacheTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    private RedisCache Cache => _fixture.Services.GetRequiredService<RedisCache>();

    [Fact]
    public async Task Set_then_get_returns_the_value_and_the_key_expires_after_its_TTL()
    {
        var product = new ProductResponse(Guid.NewGuid(), "Cached widget", null, 12.50m, 3, true);
        var key = CacheKeys.Product(product.Id);

        await Cache.SetAsync(key, product, CacheKeys.ProductTimeToLive, CancellationToken.None);

        Assert.Equal(product, await Cache.GetAsync<ProductResponse>(key, CancellationToken.None));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.True(ttl.Value.TotalSeconds is > 890 and <= 900, $"TTL is {ttl.Value.TotalSeconds} s");

        var json = (string?)await _fixture.RedisDatabase.StringGetAsync(key);
        Assert.Contains("\"name\":\"Cached widget\"", json, StringComparison.Ordinal); // camelCase JSON
    }

    [Fact]
    public async Task Set_overwrites_the_value_and_its_TTL()
    {
        var key = CacheKeys.User(Guid.NewGuid());
        await Cache.SetAsync(key, new Payload("first"), TimeSpan.FromMinutes(5), CancellationToken.None);
        await Cache.SetAsync(key, new Payload("second"), CacheKeys.UserTimeToLive, CancellationToken.None);

        Assert.Equal(new Payload("second"), await Cache.GetAsync<Payload>(key, CancellationToken.None));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(key);
        Assert.True(ttl!.Value.TotalSeconds is > 3_590 and <= 3_600, $"TTL is {ttl.Value.TotalSeconds} s");
    }

    [Fact]
    public async Task Remove_deletes_every_key_given()
    {
        var keys = Enumerable.Range(0, 3).Select(_ => CacheKeys.Product(Guid.NewGuid())).ToList();
        var kept = CacheKeys.Product(Guid.NewGuid());
        foreach (var key in keys.Append(kept))
        {
            await Cache.SetAsync(key, new Payload(key), TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        await Cache.RemoveAsync(keys, CancellationToken.None);

        foreach (var key in keys)
        {
            Assert.Null(await Cache.GetAsync<Payload>(key, CancellationToken.None));
            Assert.False(await _fixture.RedisDatabase.KeyExistsAsync(key));
        }

        Assert.Equal(new Payload(kept), await Cache.GetAsync<Payload>(kept, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_key_and_an_unreadable_value_read_as_null()
    {
        Assert.Null(await Cache.GetAsync<Payload>(CacheKeys.Product(Guid.NewGuid()), CancellationToken.None));

        var corrupt = CacheKeys.Product(Guid.NewGuid());
        await _fixture.RedisDatabase.StringSetAsync(corrupt, "{not json", TimeSpan.FromMinutes(1));
        Assert.Null(await Cache.GetAsync<Payload>(corrupt, CancellationToken.None));
    }

    [Fact]
    public async Task A_value_expires_with_its_TTL()
    {
        var key = CacheKeys.Product(Guid.NewGuid());
        await Cache.SetAsync(key, new Payload("short"), TimeSpan.FromMilliseconds(50), CancellationToken.None);

        // Redis removes the key itself; poll for it rather than assume a duration.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _fixture.RedisDatabase.KeyExistsAsync(key))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), guard.Token);
        }

        Assert.Null(await Cache.GetAsync<Payload>(key, CancellationToken.None));
    }

    public sealed record Payload(string Value);
}
