using System.Net;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations.Outages;

/// <summary>
/// A PostgreSQL outage in the log: one line when it starts, one when it ends, nothing per request in between within
/// the summary interval, and never a stack trace.
/// </summary>
[Collection(OwnServersGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class DatabaseOutageLogTests
{
    private const string OutageLogCategory = "Shop.Infrastructure.Diagnostics.OutageLog";
    private const int Requests = 200;
    private readonly OwnServersShopApiFactory _factory;

    public DatabaseOutageLogTests(OwnServersShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Many_failed_requests_log_the_start_and_the_end_of_the_outage_and_no_stack_trace()
    {
        var customer = await _factory.NewUserAsync("Quiet Outage");
        using var anonymous = _factory.CreateAnonymousClient();
        var before = _factory.Logs.Entries.Count;

        await _factory.Servers.StopPostgresAsync();
        try
        {
            for (var i = 0; i < Requests; i++)
            {
                using var search = await anonymous.GetAsync(new Uri("/api/products?search=oak", UriKind.Relative));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
            }

            for (var i = 0; i < 20; i++)
            {
                using var orders = await customer.Client.GetAsync(new Uri("/api/orders", UriKind.Relative));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, orders.StatusCode);
            }
        }
        finally
        {
            await _factory.Servers.StartPostgresAsync();
        }

        await _factory.WaitUntilReadyAsync();
        using (var after = await anonymous.GetAsync(new Uri("/api/products?search=oak", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        var during = _factory.Logs.Since(before);
        var text = string.Join(" | ", during.Select(entry => $"{entry.Level} {entry.Category}: {entry.Message}"));
        Assert.True(during.Count <= 6, $"{during.Count} log entries for {Requests + 20} failed requests: {text}");
        Assert.All(during, entry => Assert.Null(entry.Exception));
        Assert.DoesNotContain(during, entry => entry.Message.Contains("   at ", StringComparison.Ordinal));
        var start = Assert.Single(during, entry => entry.Category == OutageLogCategory && entry.Message.StartsWith("PostgreSQL outage started", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, start.Level);
        Assert.Single(during, entry => entry.Category == OutageLogCategory && entry.Message.StartsWith("PostgreSQL outage ended", StringComparison.Ordinal));
    }
}
