using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>PostgreSQL does not answer: requests that need it are a 503 problem with Retry-After, not a 500.</summary>
public sealed class DatabaseOutageTests : IClassFixture<DatabaseOutageTests.UnreachableDatabaseFactory>
{
    private readonly UnreachableDatabaseFactory _factory;

    public DatabaseOutageTests(UnreachableDatabaseFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/api/products")]
    [InlineData("/api/products/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")]
    public async Task A_read_is_503_with_retry_after(string url)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("database", problem.Str("detail"), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }

    [Fact]
    public async Task Readiness_is_503_while_liveness_is_200()
    {
        using var client = _factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>The real Redis of the harness, and a PostgreSQL address where nothing listens.</summary>
    public sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>, IAsyncLifetime
    {
        private string _redis = null!;
        private RedisDatabaseClaim? _redisDatabase;

        public async Task InitializeAsync()
        {
            var servers = await TestServers.GetAsync();
            _redisDatabase = await servers.ClaimRedisDatabaseAsync();
            _redis = servers.RedisConnectionStringFor(_redisDatabase.Index);
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            if (_redisDatabase is not null)
            {
                await _redisDatabase.DisposeAsync();
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Database=shop;Username=shop;Timeout=2");
            builder.UseSetting("ConnectionStrings:Redis", _redis);
            builder.UseSetting("Shop:RateLimit:PermitsPerMinute", 100_000.ToString(CultureInfo.InvariantCulture));
        }
    }
}
