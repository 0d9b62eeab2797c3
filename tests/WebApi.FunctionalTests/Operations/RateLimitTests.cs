using System.Globalization;
using System.Net;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>Per-IP fixed window of <see cref="RateLimitedShopApiFactory.Permits"/> requests a minute. Each test uses its own IP.</summary>
public class RateLimitTests : IClassFixture<RateLimitedShopApiFactory>
{
    private const int Permits = RateLimitedShopApiFactory.Permits;
    private readonly RateLimitedShopApiFactory _factory;

    public RateLimitTests(RateLimitedShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Responses_count_down_the_limit_and_the_request_over_it_is_429_with_retry_after_while_another_ip_is_unaffected()
    {
        using var client = _factory.CreateAnonymousClient("198.51.100.1");
        for (var i = 1; i <= Permits; i++)
        {
            using var allowed = await client.GetAsync("/api/products");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal(Permits.ToString(CultureInfo.InvariantCulture), Header(allowed, "X-RateLimit-Limit"));
            Assert.Equal((Permits - i).ToString(CultureInfo.InvariantCulture), Header(allowed, "X-RateLimit-Remaining"));
        }

        using var refused = await client.GetAsync("/api/products");

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(Header(refused, "Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(Permits.ToString(CultureInfo.InvariantCulture), Header(refused, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));

        using var other = _factory.CreateAnonymousClient("198.51.100.2");
        using var unaffected = await other.GetAsync("/api/products");
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal((Permits - 1).ToString(CultureInfo.InvariantCulture), Header(unaffected, "X-RateLimit-Remaining"));

        // Every route counts, not only the one that ran out.
        using var elsewhere = await client.PostAsync("/api/sessions", null);
        await elsewhere.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task With_no_trusted_proxy_configured_a_forwarded_for_header_is_ignored()
    {
        using var client = _factory.CreateAnonymousClient("198.51.100.9");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products");
        request.Headers.Add("X-Forwarded-For", "203.0.113.77");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (long)await _factory.Redis.StringGetAsync("rate:198.51.100.9"));
        Assert.False(await _factory.Redis.KeyExistsAsync("rate:203.0.113.77"));
    }

    [Fact]
    public async Task The_window_is_kept_in_redis_under_rate_ip_for_at_most_60_seconds()
    {
        using var client = _factory.CreateAnonymousClient("198.51.100.3");

        using var response = await client.GetAsync("/api/products");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (long)await _factory.Redis.StringGetAsync("rate:198.51.100.3"));
        var ttl = await _factory.Redis.KeyTimeToLiveAsync("rate:198.51.100.3");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Health_routes_are_exempt_and_not_counted()
    {
        using var client = _factory.CreateAnonymousClient("198.51.100.4");
        for (var i = 0; i < Permits * 2; i++)
        {
            foreach (var url in new[] { "/health/live", "/health/ready" })
            {
                using var exempt = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, exempt.StatusCode);
                Assert.Equal(Permits.ToString(CultureInfo.InvariantCulture), Header(exempt, "X-RateLimit-Remaining"));
            }
        }

        Assert.False(await _factory.Redis.KeyExistsAsync("rate:198.51.100.4"));
        using var counted = await client.GetAsync("/api/products");
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal((Permits - 1).ToString(CultureInfo.InvariantCulture), Header(counted, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task An_exempt_route_shows_the_current_window_without_counting()
    {
        using var client = _factory.CreateAnonymousClient("198.51.100.5");
        using (var counted = await client.GetAsync("/api/products"))
        {
            Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        }

        using var live = await client.GetAsync("/health/live");
        using var again = await client.GetAsync("/health/live");

        Assert.Equal(Permits.ToString(CultureInfo.InvariantCulture), Header(live, "X-RateLimit-Limit"));
        Assert.Equal((Permits - 1).ToString(CultureInfo.InvariantCulture), Header(live, "X-RateLimit-Remaining"));
        Assert.Equal((Permits - 1).ToString(CultureInfo.InvariantCulture), Header(again, "X-RateLimit-Remaining"));
    }

    [Theory]
    [InlineData("198.51.100.11", "/api/products/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", HttpStatusCode.NotFound)]
    [InlineData("198.51.100.12", "/api/products?pageSize=0", HttpStatusCode.BadRequest)]
    [InlineData("198.51.100.13", "/api/users/me", HttpStatusCode.Unauthorized)]
    [InlineData("198.51.100.14", "/api/no-such-route", HttpStatusCode.NotFound)]
    public async Task Error_responses_carry_the_rate_limit_headers_too(string clientIp, string url, HttpStatusCode status)
    {
        using var client = _factory.CreateAnonymousClient(clientIp);

        using var response = await client.GetAsync(url);

        await response.AssertProblemAsync(status);
        Assert.Equal(Permits.ToString(CultureInfo.InvariantCulture), Header(response, "X-RateLimit-Limit"));
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"), "X-RateLimit-Remaining is missing");
    }

    private static string Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"{name} is missing");
        return Assert.Single(values);
    }
}
