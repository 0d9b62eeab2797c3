using System.Net;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Catalog;

/// <summary>A catalog query runs under Shop:Catalog:QueryTimeout (here 1 s): past it the statement is cancelled, and the answer is a 503.</summary>
public class CatalogQueryTimeoutTests : IClassFixture<CatalogQueryTimeoutTests.ShortQueryTimeoutFactory>
{
    // Far below the driver's default command timeout (30 s): a catalog query without its own timeout waits longer.
    private static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(15);
    private readonly ShortQueryTimeoutFactory _factory;

    public CatalogQueryTimeoutTests(ShortQueryTimeoutFactory factory) => _factory = factory;

    [Theory]
    [InlineData("search=lamp")]
    [InlineData("page=2&pageSize=5")]
    public async Task A_search_held_up_past_the_timeout_is_cancelled_and_answered_503(string query)
    {
        await using var blocker = await LockProductsAsync();
        using var client = _factory.CreateAnonymousClient();
        client.Timeout = ClientPatience;

        using var response = await client.GetAsync(new Uri($"/api/products?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("time limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await WaitingCatalogStatementsAsync());
    }

    [Fact]
    public async Task A_product_read_held_up_past_the_timeout_is_answered_503()
    {
        var product = await _factory.CreateProductAsync();
        await using var blocker = await LockProductsAsync();
        using var client = _factory.CreateAnonymousClient();
        client.Timeout = ClientPatience;

        using var response = await client.GetAsync(new Uri($"/api/products/{product.GetProperty("id").GetGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    /// <summary>A transaction of the test's own holding an exclusive lock on products: every read of it waits.</summary>
    private async Task<NpgsqlConnection> LockProductsAsync()
    {
        var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE products IN ACCESS EXCLUSIVE MODE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    // The cancelled statement is gone from the server, not left waiting for the lock.
    private async Task<long> WaitingCatalogStatementsAsync()
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%products%'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public sealed class ShortQueryTimeoutFactory : ShopApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["Shop:Catalog:QueryTimeout"] = "00:00:01" };
    }
}
