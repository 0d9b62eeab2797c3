using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;
using StackExchange.Redis;

namespace Shop.WebApi.FunctionalTests.Infrastructure;

/// <summary>The Redis keys of api.md and their time to live, read straight from the host's Redis database.</summary>
public class RedisKeyTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public RedisKeyTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Login_stores_a_session_under_a_key_without_the_token_for_24_hours_and_logout_removes_it()
    {
        var user = await _factory.CustomerAsync();
        var before = await KeysAsync("session:*");
        using var client = _factory.CreateAnonymousClient();

        using var login = await client.PostAsJsonAsync("/api/sessions", new { email = user.Email, password = ShopApiFactory.Password });

        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        var token = (await login.ReadJsonAsync()).Str("token");
        var key = Assert.Single((await KeysAsync("session:*")).Except(before));
        Assert.DoesNotContain(token, key.ToString(), StringComparison.Ordinal);
        var ttl = await _factory.Redis.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        var value = (string)(await _factory.Redis.StringGetAsync(key))!;
        Assert.DoesNotContain(token, value, StringComparison.Ordinal);
        using (var session = JsonDocument.Parse(value))
        {
            Assert.Equal(JsonValueKind.Object, session.RootElement.ValueKind);
            Assert.Contains(user.Id.ToString(), value, StringComparison.OrdinalIgnoreCase);
        }

        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var logout = await client.DeleteAsync("/api/sessions/current");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.False(await _factory.Redis.KeyExistsAsync(key));
    }

    [Fact]
    public async Task Get_me_caches_the_profile_under_cache_user_id_for_at_most_an_hour_without_the_password_hash()
    {
        var user = await _factory.NewUserAsync();
        var key = $"cache:user:{user.Id}";
        Assert.False(await _factory.Redis.KeyExistsAsync(key));

        using var response = await user.Client.GetAsync("/api/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ttl = await _factory.Redis.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(3500), TimeSpan.FromSeconds(3600));
        var value = (string)(await _factory.Redis.StringGetAsync(key))!;
        Assert.DoesNotContain("password", value, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", value, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(user.Email, value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_product_caches_it_under_cache_product_id_for_at_most_15_minutes()
    {
        var product = await _factory.CreateProductAsync(price: 12.5m, stock: 4);
        var key = $"cache:product:{product.Id()}";
        Assert.False(await _factory.Redis.KeyExistsAsync(key));

        await _factory.GetProductAsync(product.Id());

        var ttl = await _factory.Redis.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(800), TimeSpan.FromSeconds(900));
        using var cached = JsonDocument.Parse((string)(await _factory.Redis.StringGetAsync(key))!);
        Assert.Equal(JsonValueKind.Object, cached.RootElement.ValueKind);
    }

    [Fact]
    public async Task A_request_counts_under_rate_ip_for_at_most_60_seconds()
    {
        using var client = _factory.CreateAnonymousClient("203.0.113.7");

        using var response = await client.GetAsync("/api/products");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ttl = await _factory.Redis.KeyTimeToLiveAsync("rate:203.0.113.7");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(1, (long)await _factory.Redis.StringGetAsync("rate:203.0.113.7"));
    }

    private async Task<HashSet<string>> KeysAsync(string pattern)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var server = _factory.Redis.Multiplexer.GetServers()[0];
        await foreach (var key in server.KeysAsync(_factory.RedisDatabaseIndex, pattern))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }
}
