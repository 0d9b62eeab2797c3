using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Catalog;

/// <summary>Counts are exact up to Shop:Catalog:ExactCountLimit (here 5), then the planner's estimate, flagged.</summary>
public class ProductCountTests : IClassFixture<ProductCountTests.LowCountLimitFactory>
{
    private readonly LowCountLimitFactory _factory;

    public ProductCountTests(LowCountLimitFactory factory) => _factory = factory;

    [Fact]
    public async Task A_count_up_to_the_limit_is_exact_and_not_flagged()
    {
        var tag = NewTag();
        for (var i = 0; i < LowCountLimitFactory.Limit; i++)
        {
            await _factory.CreateProductAsync($"{tag} {i}");
        }

        var page = await SearchAsync($"search={tag}&pageSize=2");

        Assert.Equal(LowCountLimitFactory.Limit, page.Int("totalCount"));
        Assert.False(page.GetProperty("totalCountIsEstimate").GetBoolean());
    }

    [Fact]
    public async Task A_count_above_the_limit_is_the_planners_estimate_near_the_true_count_and_flagged()
    {
        var tag = NewTag();
        // Far enough above the limit that an estimate of nothing (raised to the limit + 1) is far from the true count.
        const int matching = LowCountLimitFactory.Limit * 4;
        for (var i = 0; i < matching; i++)
        {
            await _factory.CreateProductAsync($"{tag} {i}");
        }

        // The planner's statistics as a production table has them (autovacuum would analyze it in time).
        await ExecuteAsync("ANALYZE products");
        var total = await ExecuteAsync("SELECT count(*) FROM products");

        var filtered = await SearchAsync($"search={tag}&pageSize=2");
        var unfiltered = await SearchAsync("pageSize=2");

        Assert.True(filtered.GetProperty("totalCountIsEstimate").GetBoolean());
        // The planner cannot estimate a substring match: its estimate is only known to be above the limit.
        Assert.True(filtered.Int("totalCount") > LowCountLimitFactory.Limit);
        Assert.Equal(2, filtered.GetProperty("items").GetArrayLength());
        Assert.True(unfiltered.GetProperty("totalCountIsEstimate").GetBoolean());
        Assert.True(total >= matching, $"the table has {total} products");
        Assert.InRange(unfiltered.Int("totalCount"), Math.Max(total / 2, LowCountLimitFactory.Limit + 1), total * 2);
    }

    private async Task<long> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as long? ?? 0;
    }

    private async Task<System.Text.Json.JsonElement> SearchAsync(string query)
    {
        using var client = _factory.CreateAnonymousClient();
        using var response = await client.GetAsync($"/api/products?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static string NewTag() => "t" + Guid.NewGuid().ToString("N")[..12];

    public sealed class LowCountLimitFactory : ShopApiFactory
    {
        public const int Limit = 5;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Shop:Catalog:ExactCountLimit", Limit.ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>An exact-count limit the host cannot use stops it at start-up with one line naming the key, never the default instead.</summary>
public sealed class ExactCountLimitStartupTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task The_host_exits_2_naming_the_key(string value)
    {
        await UnusableSetting.AssertStopsTheHostAsync("Shop__Catalog__ExactCountLimit", value, "Shop:Catalog:ExactCountLimit must be a whole number from 1 to 1000000");
    }
}
