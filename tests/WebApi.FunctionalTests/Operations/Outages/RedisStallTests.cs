using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using Shop.WebApi.FunctionalTests.Support;

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
    // A request makes a few Redis calls one after another (rate limit, session, cache), each bounded by the command
    // timeout; beyond that the slack covers a busy 2-core machine, not another wait.
    private static readonly TimeSpan StalledRequestBudget = OwnServersShopApiFactory.RedisCommandTimeout * 3 + TimeSpan.FromSeconds(2);

    // README: liveness never waits on Redis for more than 100 ms (its rate-limit headers).
    private static readonly TimeSpan LivenessBudget = TimeSpan.FromSeconds(1);

    private readonly OwnServersShopApiFactory _factory;

    public RedisStallTests(OwnServersShopApiFactory factory) => _factory = factory;

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

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedGetAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        await response.Content.LoadIntoBufferAsync();
        return (response, clock.Elapsed);
    }
}
