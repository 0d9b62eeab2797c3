using System.Net;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>Input that is well-formed JSON but that the database could not store or compute with: 400, never 500.</summary>
public class EdgeInputTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public EdgeInputTests(ShopApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("""{"email":"nul\u0000@example.com","name":"Ann","password":"correct horse"}""", "email")]
    [InlineData("""{"email":"ann@example.com","name":"A\u0000nn","password":"correct horse"}""", "name")]
    public async Task A_nul_character_in_a_registration_is_400(string body, string field)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.PostRawAsync("/api/users", body);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task A_nul_character_in_a_product_description_is_400_and_creates_nothing()
    {
        var admin = await _factory.AdminAsync();
        var name = $"Nul {Guid.NewGuid():N}";

        using var response = await admin.Client.PostRawAsync(
            "/api/products", $$"""{"name":"{{name}}","description":"a\u0000b","price":1,"stock":1}""");

        await response.AssertValidationProblemAsync("description");
        using var search = await admin.Client.GetAsync($"/api/products?search={name}");
        Assert.Equal(0, (await search.ReadJsonAsync()).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_nul_character_in_the_search_is_400()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync("/api/products?search=a%00b");

        await response.AssertValidationProblemAsync("search");
    }

    [Theory]
    [InlineData("/api/products?page=2147483647&pageSize=100")]
    [InlineData("/api/products?page=21474837")]
    public async Task A_page_beyond_what_an_offset_can_hold_is_400(string url)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(url);

        await response.AssertValidationProblemAsync("page");
    }

    [Fact]
    public async Task The_last_addressable_page_is_an_empty_page_not_an_error()
    {
        var customer = await _factory.CustomerAsync();
        using var client = _factory.CreateAnonymousClient();

        // Orders keep the bound of the row offset; product pages stop at 10,000 rows (deeper by cursor).
        using var orders = await customer.Client.GetAsync("/api/orders?page=21474836&pageSize=100");
        using var products = await client.GetAsync("/api/products?page=100&pageSize=100");

        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Empty((await orders.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        Assert.Empty((await products.ReadJsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_page_of_orders_beyond_what_an_offset_can_hold_is_400()
    {
        var customer = await _factory.CustomerAsync();

        using var response = await customer.Client.GetAsync("/api/orders?page=2147483647&pageSize=100");

        await response.AssertValidationProblemAsync("page");
    }

    [Theory]
    [InlineData("""{"name":"x","price":"abc","stock":1}""")]
    [InlineData("""{"name":"x","price":1,"stock":[1]}""")]
    [InlineData("")]
    public async Task A_body_that_cannot_be_read_is_explained_without_internal_type_names(string body)
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostRawAsync("/api/products", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var detail = problem.Str("detail");
        Assert.DoesNotContain("Shop.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Service", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Money_may_arrive_as_a_string_like_the_other_numbers()
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostRawAsync(
            "/api/products", $$"""{"name":"String price {{Guid.NewGuid():N}}","price":"1.50","stock":"2"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var product = await response.ReadJsonAsync();
        Assert.Equal(1.50m, product.Money("price"));
        Assert.Equal(2, product.GetProperty("stock").GetInt32());
    }
}
