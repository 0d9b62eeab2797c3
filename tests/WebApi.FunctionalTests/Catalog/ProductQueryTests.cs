using System.Net;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Catalog;

public class ProductQueryTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ProductQueryTests(ShopApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("%20ab%20")]
    public async Task A_search_term_shorter_than_3_characters_is_refused_naming_search(string term)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products?search={term}");

        var problem = await response.AssertValidationProblemAsync("search");
        Assert.Contains("at least 3 characters", problem.GetProperty("errors").GetProperty("search")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_term_of_3_characters_or_none_is_answered()
    {
        using var client = _factory.CreateAnonymousClient();

        using var three = await client.GetAsync("/api/products?search=abc");
        using var blank = await client.GetAsync("/api/products?search=%20");

        Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
    }

    [Fact]
    public async Task Get_product_answers_it_with_money_in_two_decimals_from_the_database_and_from_the_cache()
    {
        var created = await _factory.CreateProductAsync("Half price mug", 12.5m, 3, "A mug.");
        using var client = _factory.CreateAnonymousClient();

        using var first = await client.GetAsync($"/api/products/{created.Id()}");
        using var second = await client.GetAsync($"/api/products/{created.Id()}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var raw = await first.Content.ReadAsStringAsync();
        Assert.Contains("\"price\":12.50", raw, StringComparison.Ordinal);
        Assert.Equal(raw, await second.Content.ReadAsStringAsync());
        var product = await first.ReadJsonAsync();
        Api.AssertMembers(product, "id", "name", "description", "price", "stock", "isAvailable");
        Assert.Equal(created.Id(), product.Id());
        Assert.Equal("Half price mug", product.Str("name"));
        Assert.Equal("A mug.", product.Str("description"));
        Assert.Equal("12.50", product.RawMoney("price"));
        Assert.Equal(3, product.Int("stock"));
        Assert.True(product.GetProperty("isAvailable").GetBoolean());
    }

    [Fact]
    public async Task A_product_without_stock_is_not_available_and_a_missing_description_is_null()
    {
        var created = await _factory.CreateProductAsync("Sold out lamp", 10m, 0);

        var product = await _factory.GetProductAsync(created.Id());

        Assert.False(product.GetProperty("isAvailable").GetBoolean());
        Assert.Equal(0, product.Int("stock"));
        Assert.Equal("10.00", product.RawMoney("price"));
        Assert.Equal(JsonValueKind.Null, product.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task Get_an_unknown_product_is_404()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_defaults_to_page_1_of_20()
    {
        var tag = NewTag();
        for (var i = 0; i < 21; i++)
        {
            await _factory.CreateProductAsync($"{tag} item {i:D2}", 1m, 1);
        }

        using var client = _factory.CreateAnonymousClient();
        using var response = await client.GetAsync($"/api/products?search={tag}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Api.AssertMembers(page, "items", "page", "pageSize", "totalCount", "totalCountIsEstimate", "nextCursor");
        Assert.Equal(1, page.Int("page"));
        Assert.Equal(20, page.Int("pageSize"));
        Assert.Equal(21, page.Int("totalCount"));
        Assert.Equal(20, page.GetProperty("items").GetArrayLength());
        using var second = await client.GetAsync($"/api/products?search={tag}&page=2");
        var rest = await second.ReadJsonAsync();
        Assert.Equal(2, rest.Int("page"));
        Assert.Equal($"{tag} item 20", Assert.Single(rest.GetProperty("items").EnumerateArray()).Str("name"));

        using var all = await client.GetAsync("/api/products");
        var unfiltered = await all.ReadJsonAsync();
        Assert.Equal(1, unfiltered.Int("page"));
        Assert.Equal(20, unfiltered.Int("pageSize"));
        Assert.True(unfiltered.Int("totalCount") >= 21);
        Assert.Equal(20, unfiltered.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Search_orders_by_name_then_id_across_pages()
    {
        var tag = NewTag();
        string[] names = [$"{tag} cherry", $"{tag} apple", $"{tag} banana", $"{tag} apple", $"{tag} apple"];
        var created = new List<(string Name, Guid Id)>();
        foreach (var name in names)
        {
            created.Add((name, (await _factory.CreateProductAsync(name)).Id()));
        }

        // PostgreSQL orders uuids byte by byte, which is the ordinal order of their lower-case text.
        var expected = created
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Id.ToString(), StringComparer.Ordinal)
            .Select(p => p.Id)
            .ToList();

        using var client = _factory.CreateAnonymousClient();
        var actual = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            using var response = await client.GetAsync($"/api/products?search={tag}&page={page}&pageSize=2");
            var body = await response.ReadJsonAsync();
            Assert.Equal(page, body.Int("page"));
            Assert.Equal(2, body.Int("pageSize"));
            Assert.Equal(5, body.Int("totalCount"));
            actual.AddRange(body.GetProperty("items").EnumerateArray().Select(item => item.Id()));
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Search_matches_the_name_case_insensitively_anywhere_in_it()
    {
        var tag = NewTag();
        var mug = await _factory.CreateProductAsync($"{tag} Blue Coffee MUG", 4.2m, 5);
        await _factory.CreateProductAsync($"{tag} Red Teapot", 4.2m, 5);

        using var client = _factory.CreateAnonymousClient();
        using var response = await client.GetAsync($"/api/products?search={tag.ToUpperInvariant()}%20blue%20coffee%20mug");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal(1, page.Int("totalCount"));
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(mug.Id(), item.Id());
        Assert.Equal("4.20", item.RawMoney("price"));
        using var middle = await client.GetAsync($"/api/products?search=coffee%20mug&pageSize=100");
        Assert.Contains((await middle.ReadJsonAsync()).GetProperty("items").EnumerateArray(), p => p.Id() == mug.Id());
        using var none = await client.GetAsync($"/api/products?search={tag}-nothing-like-this");
        var empty = await none.ReadJsonAsync();
        Assert.Equal(0, empty.Int("totalCount"));
        Assert.Empty(empty.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3&pageSize=10", "page")]
    public async Task Search_with_bad_paging_is_400(string query, string field)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products?{query}");

        await response.AssertValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("pageSize=abc")]
    [InlineData("page=1.5")]
    public async Task Search_with_non_numeric_paging_is_400(string query)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task Search_accepts_page_sizes_from_1_to_100(int pageSize)
    {
        await _factory.CreateProductAsync();
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products?pageSize={pageSize}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal(pageSize, page.Int("pageSize"));
        Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, pageSize);
    }

    private static string NewTag() => "t" + Guid.NewGuid().ToString("N")[..12];
}
