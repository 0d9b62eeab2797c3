using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// What the host logs, captured with the host's own log filters: an outage is a few lines, not a stack trace per
/// request; a request that succeeds is no line at all (the metrics carry it).
/// </summary>
public sealed class QuietLogTests
{
    private const string OutageLogCategory = "Shop.Infrastructure.Diagnostics.OutageLog";

    public sealed class WhileRedisIsDown : IClassFixture<WhileRedisIsDown.UnreachableRedisLoggingFactory>
    {
        private const int Requests = 300;
        private readonly UnreachableRedisLoggingFactory _factory;

        public WhileRedisIsDown(UnreachableRedisLoggingFactory factory) => _factory = factory;

        [Fact]
        public async Task Many_requests_log_one_outage_start_and_a_handful_of_lines_without_stack_traces()
        {
            using var client = _factory.CreateAnonymousClient();
            var before = _factory.Logs.Entries.Count;

            // Each request meets the dead Redis twice or more: the rate limiter, then the cache or the session store.
            for (var i = 0; i < Requests; i++)
            {
                using var response = await client.GetAsync(new Uri($"/api/products/{Guid.NewGuid()}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            using var bearer = _factory.CreateAnonymousClient();
            bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "c29tZS10b2tlbi10aGF0LWxvb2tzLXJlYWw");
            for (var i = 0; i < 20; i++)
            {
                using var me = await bearer.GetAsync(new Uri("/api/users/me", UriKind.Relative));
                await me.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            }

            var during = _factory.Logs.Since(before);
            Assert.True(during.Count <= 3, $"{during.Count} log entries for {Requests} requests: {Describe(during)}");
            var all = _factory.Logs.Entries;
            Assert.All(all, entry => Assert.Null(entry.Exception));
            Assert.DoesNotContain(all, entry => entry.Message.Contains("   at ", StringComparison.Ordinal));
            var start = Assert.Single(all, entry => entry.Category == OutageLogCategory && entry.Message.StartsWith("Redis outage started", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Error, start.Level);
        }

        public sealed class UnreachableRedisLoggingFactory : ShopApiFactory
        {
            public CapturingLoggerProvider Logs { get; } = new();

            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                base.ConfigureWebHost(builder);
                builder.UseSetting("ConnectionStrings:Redis", "127.0.0.1:1,connectTimeout=500,connectRetry=0");
                builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
            }
        }
    }

    public sealed class WhileAllIsWell : IClassFixture<WhileAllIsWell.LoggingFactory>
    {
        private readonly LoggingFactory _factory;

        public WhileAllIsWell(LoggingFactory factory) => _factory = factory;

        [Fact]
        public async Task Successful_requests_log_nothing_at_information_or_above()
        {
            var product = await _factory.CreateProductAsync(price: 1m, stock: 10);
            var user = await _factory.NewUserAsync();
            var before = _factory.Logs.Entries.Count;

            using (var products = await user.Client.GetAsync(new Uri("/api/products", UriKind.Relative)))
            using (var one = await user.Client.GetAsync(new Uri($"/api/products/{product.Id()}", UriKind.Relative)))
            using (var me = await user.Client.GetAsync(new Uri("/api/users/me", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, products.StatusCode);
                Assert.Equal(HttpStatusCode.OK, one.StatusCode);
                Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            }

            var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 2));
            using (var paid = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 2m }))
            {
                Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
            }

            var logged = _factory.Logs.Since(before).Where(entry => entry.Level >= LogLevel.Information).ToList();
            Assert.True(logged.Count == 0, $"successful requests logged: {Describe(logged)}");
        }

        public sealed class LoggingFactory : ShopApiFactory
        {
            public CapturingLoggerProvider Logs { get; } = new();

            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                base.ConfigureWebHost(builder);
                builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
            }
        }
    }

    private static string Describe(IEnumerable<LogEntry> entries) =>
        string.Join(" | ", entries.Take(5).Select(entry => $"{entry.Level} {entry.Category}: {entry.Message}"));
}
