using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The host's Redis does not answer: what needs it (sessions, idempotency) is a 503 problem with
/// Retry-After, not a 500; the catalog still answers from PostgreSQL; readiness reports the outage.
/// </summary>
public sealed class RedisOutageTests : IClassFixture<RedisOutageTests.UnreachableRedisFactory>
{
    private readonly UnreachableRedisFactory _factory;

    public RedisOutageTests(UnreachableRedisFactory factory) => _factory = factory;

    [Fact]
    public async Task A_bearer_request_is_503_with_retry_after()
    {
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "c29tZS10b2tlbi10aGF0LWxvb2tzLXJlYWw");

        using var response = await client.GetAsync(new Uri("/api/users/me", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }

    [Fact]
    public async Task Logging_in_is_503_while_registering_and_browsing_still_work()
    {
        using var client = _factory.CreateAnonymousClient();
        var email = $"outage-{Guid.NewGuid():N}@functional.test";

        using var registered = await client.PostAsJsonAsync("/api/users", new { email, name = "Outage", password = ShopApiFactory.Password });
        using var login = await client.PostAsJsonAsync("/api/sessions", new { email, password = ShopApiFactory.Password });
        using var products = await client.GetAsync(new Uri("/api/products", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await login.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(login.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
    }

    [Fact]
    public async Task The_catalog_answers_a_client_that_sends_its_token()
    {
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "c29tZS10b2tlbi10aGF0LWxvb2tzLXJlYWw");

        using var response = await client.GetAsync(new Uri("/api/products", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_503()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    /// <summary>The real PostgreSQL of the harness, and a Redis address where nothing listens.</summary>
    public sealed class UnreachableRedisFactory : ShopApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Redis", "127.0.0.1:1,connectTimeout=500,connectRetry=0");
        }
    }
}
