using System.Globalization;
using System.Net;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// Behind a trusted proxy the rate limit counts each client by its `X-Forwarded-For` address; a sender that is not a
/// trusted proxy is counted by its own address whatever header it sends.
/// </summary>
public sealed class TrustedProxyTests : IClassFixture<ProxiedShopApiFactory>
{
    private const string Proxy = "10.0.0.7";
    private readonly ProxiedShopApiFactory _factory;

    public TrustedProxyTests(ProxiedShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Clients_behind_a_trusted_proxy_each_have_their_own_window()
    {
        using var proxy = _factory.CreateAnonymousClient(Proxy);

        Assert.Equal(ProxiedShopApiFactory.Permits - 1, await RemainingAfterOneRequestAsync(proxy, "203.0.113.10"));
        Assert.Equal(ProxiedShopApiFactory.Permits - 2, await RemainingAfterOneRequestAsync(proxy, "203.0.113.10"));
        Assert.Equal(ProxiedShopApiFactory.Permits - 1, await RemainingAfterOneRequestAsync(proxy, "203.0.113.11"));

        Assert.Equal(2, (long)await _factory.Redis.StringGetAsync("rate:203.0.113.10"));
        Assert.Equal(1, (long)await _factory.Redis.StringGetAsync("rate:203.0.113.11"));
        Assert.False(await _factory.Redis.KeyExistsAsync($"rate:{Proxy}"));
    }

    [Fact]
    public async Task A_sender_that_is_not_a_trusted_proxy_is_counted_by_its_own_address()
    {
        using var direct = _factory.CreateAnonymousClient("198.51.100.50");

        Assert.Equal(ProxiedShopApiFactory.Permits - 1, await RemainingAfterOneRequestAsync(direct, "203.0.113.99"));

        Assert.Equal(1, (long)await _factory.Redis.StringGetAsync("rate:198.51.100.50"));
        Assert.False(await _factory.Redis.KeyExistsAsync("rate:203.0.113.99"));
    }

    [Theory]
    [InlineData("proxy.local")]
    [InlineData("10.0.0.0/33")]
    public async Task A_value_that_is_neither_an_address_nor_a_network_stops_the_host_naming_the_key(string value)
    {
        await UnusableSetting.AssertStopsTheHostAsync("Shop__TrustedProxies__0", value, "Shop:TrustedProxies:0 must be an IP address or a CIDR network");
    }

    private static async Task<int> RemainingAfterOneRequestAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
