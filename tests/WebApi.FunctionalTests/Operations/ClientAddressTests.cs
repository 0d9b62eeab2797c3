using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>The per-IP rate limit of <see cref="RateLimitedShopApiFactory.Permits"/> requests a minute, by client key.</summary>
public sealed class ClientAddressRateLimitTests : IClassFixture<RateLimitedShopApiFactory>
{
    private const int Permits = RateLimitedShopApiFactory.Permits;
    private readonly RateLimitedShopApiFactory _factory;

    public ClientAddressRateLimitTests(RateLimitedShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Two_ipv6_addresses_of_one_64_share_a_window_and_another_64_has_its_own()
    {
        Assert.Equal(Permits - 1, await RemainingAfterOneRequestAsync("2001:db8:10:1::1"));
        Assert.Equal(Permits - 2, await RemainingAfterOneRequestAsync("2001:db8:10:1:ffff:ffff:ffff:fffe"));
        Assert.Equal(Permits - 1, await RemainingAfterOneRequestAsync("2001:db8:10:2::1"));

        Assert.Equal(2, (long)await _factory.Redis.StringGetAsync("rate:2001:db8:10:1::/64"));
        Assert.Equal(1, (long)await _factory.Redis.StringGetAsync("rate:2001:db8:10:2::/64"));
    }

    [Fact]
    public async Task An_ipv4_mapped_ipv6_address_counts_as_its_ipv4_address_and_ipv4_addresses_each_have_their_own()
    {
        Assert.Equal(Permits - 1, await RemainingAfterOneRequestAsync("198.51.100.70"));
        Assert.Equal(Permits - 2, await RemainingAfterOneRequestAsync("::ffff:198.51.100.70"));
        Assert.Equal(Permits - 1, await RemainingAfterOneRequestAsync("198.51.100.71"));

        Assert.Equal(2, (long)await _factory.Redis.StringGetAsync("rate:198.51.100.70"));
    }

    private async Task<int> RemainingAfterOneRequestAsync(string clientIp)
    {
        using var client = _factory.CreateAnonymousClient(clientIp);
        using var response = await client.GetAsync(new Uri("/api/products", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}

/// <summary>The registration budget (one an hour here) is per client key too.</summary>
public sealed class ClientAddressRegistrationTests : IClassFixture<ClientAddressRegistrationTests.OneRegistrationFactory>
{
    private readonly OneRegistrationFactory _factory;

    public ClientAddressRegistrationTests(OneRegistrationFactory factory) => _factory = factory;

    [Fact]
    public async Task Two_ipv6_addresses_of_one_64_share_the_registration_budget_and_another_64_has_its_own()
    {
        using var first = await RegisterAsync("2001:db8:20:1::1");
        using var sameNetwork = await RegisterAsync("2001:db8:20:1::2");
        using var otherNetwork = await RegisterAsync("2001:db8:20:2::1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await sameNetwork.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.Created, otherNetwork.StatusCode);
        Assert.Equal(1, (long)await _factory.Redis.StringGetAsync("registrations:2001:db8:20:1::/64"));
    }

    private async Task<HttpResponseMessage> RegisterAsync(string clientIp)
    {
        using var client = _factory.CreateAnonymousClient(clientIp);
        return await client.PostAsJsonAsync(
            "/api/users", new { email = $"v6-{Guid.NewGuid():N}@functional.test", name = "Sign Up", password = ShopApiFactory.Password });
    }

    public sealed class OneRegistrationFactory : ShopApiFactory
    {
        public OneRegistrationFactory()
            : base(null, new Dictionary<string, string?>
            {
                ["Shop:RegistrationThrottle:PermitsPerWindow"] = "1",
                ["Shop:RegistrationThrottle:Window"] = "01:00:00",
            })
        {
        }
    }
}
