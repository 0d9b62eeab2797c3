using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using Shop.WebApi.FunctionalTests.Support;
using Xunit.Abstractions;

namespace Shop.WebApi.FunctionalTests.Operations.Outages;

/// <summary>
/// The host's Redis stalls (SIGSTOP: it keeps its connections but answers nothing): requests that need it answer 503
/// with Retry-After after the client's command timeout instead of hanging, the catalog answers from PostgreSQL, and
/// when Redis goes on (SIGCONT) the host recovers by itself.
/// </summary>
[Collection(OwnServersGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class RedisStallTests
{
    // StackExchange.Redis checks async timeouts on its heartbeat, once a second, so a call to a stalled Redis fails
    // between one command timeout and one second later. A bearer route makes two such calls before it can answer
    // (the rate limit's, which fails open, then the session's); the last second is slack for a busy 2-core machine.
    private static readonly TimeSpan TimeoutCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StalledRequestBudget =
        (OwnServersShopApiFactory.RedisCommandTimeout + TimeoutCheckInterval) * 2 + TimeSpan.FromSeconds(1);

    // README: liveness never waits on Redis for more than 100 ms (its rate-limit headers).
    private static readonly TimeSpan LivenessBudget = TimeSpan.FromSeconds(1);

    private readonly OwnServersShopApiFactory _factory;
    private readonly ITestOutputHelper _output;

    public RedisStallTests(OwnServersShopApiFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
    }

    [Fact]
    public async Task A_stalled_redis_makes_session_routes_503_within_the_command_timeout_and_recovery_needs_no_restart()
    {
        var user = await _factory.NewUserAsync("Redis Stall");
        var product = await _factory.CreateProductAsync(stock: 3);
        var productId = product.GetProperty("id").GetGuid();
        using var anonymous = _factory.CreateAnonymousClient();

        await _factory.Servers.PauseRedisAsync();
        try
        {
            var (me, meTook) = await TimedGetAsync(user.Client, "/api/users/me");
            using (me)
            {
                await me.AssertUnavailableAsync();
            }

            Assert.True(meTook < StalledRequestBudget, $"GET /api/users/me took {meTook.TotalSeconds:0.0} s on a stalled Redis");

            var (catalog, catalogTook) = await TimedGetAsync(anonymous, $"/api/products/{productId}");
            using (catalog)
            {
                await catalog.AssertStatusAsync(HttpStatusCode.OK);
            }

            Assert.True(catalogTook < StalledRequestBudget, $"GET /api/products/{{id}} took {catalogTook.TotalSeconds:0.0} s on a stalled Redis");

            var (live, liveTook) = await TimedGetAsync(anonymous, "/health/live");
            using (live)
            {
                await live.AssertStatusAsync(HttpStatusCode.OK);
            }

            Assert.True(liveTook < LivenessBudget, $"/health/live took {liveTook.TotalSeconds:0.0} s on a stalled Redis");

            var (ready, readyTook) = await TimedGetAsync(anonymous, "/health/ready");
            using (ready)
            {
                await ready.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
            }

            Assert.True(readyTook < StalledRequestBudget, $"/health/ready took {readyTook.TotalSeconds:0.0} s on a stalled Redis");
        }
        finally
        {
            await _factory.Servers.ResumeRedisAsync();
        }

        await _factory.WaitUntilReadyAsync();
        using var meAgain = await user.Client.GetAsync(new Uri("/api/users/me", UriKind.Relative));
        await meAgain.AssertStatusAsync(HttpStatusCode.OK);
    }

    private async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedGetAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        await response.Content.LoadIntoBufferAsync();
        _output.WriteLine($"GET {url} on a stalled Redis: {(int)response.StatusCode} after {clock.Elapsed.TotalMilliseconds:0} ms");
        return (response, clock.Elapsed);
    }
}
