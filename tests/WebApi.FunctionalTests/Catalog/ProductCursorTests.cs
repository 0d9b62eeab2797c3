using System.Net;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Catalog;

/// <summary>Keyset paging of the catalog: ?cursor= takes a page's nextCursor and answers the rows after it.</summary>
public class ProductCursorTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ProductCursorTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Walking_by_cursor_answers_every_row_once_in_order_while_products_are_inserted_mid_walk()
    {
        var tag = NewTag();
        var products = new List<(string Name, Guid Id)>();
        // Ties on the name: only the id orders them, and a page boundary falls inside them.
        foreach (var name in new[] { "b", "b", "b", "a", "c", "c", "d", "b", "e" })
        {
            products.Add(await CreateAsync($"{tag} {name}"));
        }

        using var client = _factory.CreateAnonymousClient();
        var walked = new List<(string Name, Guid Id)>();
        var expected = new HashSet<Guid>(products.Select(product => product.Id));
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/products?search={tag}&pageSize=2" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadJsonAsync();
            Assert.Equal(1, body.Int("page"));
            Assert.False(body.GetProperty("totalCountIsEstimate").GetBoolean());
            walked.AddRange(body.GetProperty("items").EnumerateArray().Select(item => (item.Str("name"), item.Id())));
            cursor = body.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;

            if (pages == 2)
            {
                // Before the walk's position (never answered), within the ties (answered only if after the position), and at the end.
                foreach (var name in new[] { "a", "b", "b", "c", "z" })
                {
                    var inserted = await CreateAsync($"{tag} {name}");
                    products.Add(inserted);
                    if (Compare(inserted, walked[^1]) > 0)
                    {
                        expected.Add(inserted.Id);
                    }
                }
            }
        }
        while (cursor is not null && pages < 50);

        Assert.Null(cursor);
        var order = products.Where(product => expected.Contains(product.Id)).Order(Comparer<(string Name, Guid Id)>.Create(Compare)).ToList();
        Assert.Equal(order, walked);
        Assert.Equal(walked.Count, walked.Select(product => product.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_cursor_continues_a_numbered_page_and_the_last_page_has_no_next_cursor()
    {
        var tag = NewTag();
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync($"{tag} item {i}");
        }

        using var client = _factory.CreateAnonymousClient();
        using var byNumber = await client.GetAsync($"/api/products?search={tag}&pageSize=2&page=2");
        var second = await byNumber.ReadJsonAsync();
        using var byCursor = await client.GetAsync($"/api/products?search={tag}&pageSize=2&cursor={second.Str("nextCursor")}");
        var third = await byCursor.ReadJsonAsync();
        using var numberedThird = await client.GetAsync($"/api/products?search={tag}&pageSize=2&page=3");

        Assert.Equal(
            [$"{tag} item 4"],
            third.GetProperty("items").EnumerateArray().Select(item => item.Str("name")));
        Assert.False(third.TryGetProperty("nextCursor", out _));
        Assert.Equal(third.GetProperty("items").GetRawText(), (await numberedThird.ReadJsonAsync()).GetProperty("items").GetRawText());
        Assert.Equal(5, third.Int("totalCount"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("not-a-cursor")]
    [InlineData("%2B%2F%3D%3D")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAABhYWFhYWFhYWE")]
    public async Task A_malformed_cursor_is_400_naming_the_cursor(string cursor)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products?cursor={cursor}");

        await response.AssertValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task A_tampered_or_oversized_cursor_is_400_naming_the_cursor()
    {
        var tag = NewTag();
        await CreateAsync($"{tag} one");
        await CreateAsync($"{tag} two");
        using var client = _factory.CreateAnonymousClient();
        using var first = await client.GetAsync($"/api/products?search={tag}&pageSize=1");
        var cursor = (await first.ReadJsonAsync()).Str("nextCursor");
        var middle = cursor.Length / 2;
        var tampered = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];

        using var edited = await client.GetAsync($"/api/products?search={tag}&pageSize=1&cursor={tampered}");
        using var oversized = await client.GetAsync($"/api/products?cursor={new string('A', 4000)}");

        await edited.AssertValidationProblemAsync("cursor");
        await oversized.AssertValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task A_cursor_with_a_page_above_1_is_400()
    {
        var tag = NewTag();
        await CreateAsync($"{tag} one");
        await CreateAsync($"{tag} two");
        using var client = _factory.CreateAnonymousClient();
        using var first = await client.GetAsync($"/api/products?search={tag}&pageSize=1");
        var cursor = (await first.ReadJsonAsync()).Str("nextCursor");

        using var response = await client.GetAsync($"/api/products?search={tag}&pageSize=1&page=2&cursor={cursor}");
        using var pageOne = await client.GetAsync($"/api/products?search={tag}&pageSize=1&page=1&cursor={cursor}");

        await response.AssertValidationProblemAsync("cursor");
        Assert.Equal(HttpStatusCode.OK, pageOne.StatusCode);
    }

    [Theory]
    [InlineData(500, 20, HttpStatusCode.OK)]
    [InlineData(100, 100, HttpStatusCode.OK)]
    [InlineData(501, 20, HttpStatusCode.BadRequest)]
    [InlineData(101, 100, HttpStatusCode.BadRequest)]
    [InlineData(10_001, 1, HttpStatusCode.BadRequest)]
    public async Task Numbered_pages_reach_10000_rows_and_beyond_that_point_to_the_cursor(int page, int pageSize, HttpStatusCode status)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync($"/api/products?page={page}&pageSize={pageSize}");

        if (status == HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty((await response.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        }
        else
        {
            var problem = await response.AssertValidationProblemAsync("page");
            Assert.Contains("cursor", problem.GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
        }
    }

    // The quick start's and the fixtures' C collation orders names by their bytes; PostgreSQL orders uuids byte by byte,
    // which is the ordinal order of their lower-case text.
    private static int Compare((string Name, Guid Id) left, (string Name, Guid Id) right) =>
        string.CompareOrdinal(left.Name, right.Name) is var byName and not 0
            ? byName
            : string.CompareOrdinal(left.Id.ToString(), right.Id.ToString());

    private async Task<(string Name, Guid Id)> CreateAsync(string name)
    {
        var product = await _factory.CreateProductAsync(name);
        return (name, product.Id());
    }

    private static string NewTag() => "t" + Guid.NewGuid().ToString("N")[..12];
}
