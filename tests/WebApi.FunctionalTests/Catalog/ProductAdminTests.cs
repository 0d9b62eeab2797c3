using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Catalog;

public class ProductAdminTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ProductAdminTests(ShopApiFactory factory) => _factory = factory;

    public static TheoryData<string, string> InvalidProducts => new()
    {
        { """{"name":"","price":1,"stock":1}""", "name" },
        { """{"name":"   ","price":1,"stock":1}""", "name" },
        { $$"""{"name":"{{new string('n', 256)}}","price":1,"stock":1}""", "name" },
        { $$"""{"name":"ok","description":"{{new string('d', 10_001)}}","price":1,"stock":1}""", "description" },
        { """{"name":"ok","price":-0.01,"stock":1}""", "price" },
        { """{"name":"ok","price":12.345,"stock":1}""", "price" },
        { """{"name":"ok","price":100000000,"stock":1}""", "price" },
        { """{"name":"ok","stock":1}""", "price" },
        { """{"name":"ok","price":1,"stock":-1}""", "stock" },
        { """{"name":"ok","price":1}""", "stock" },
    };

    public static TheoryData<string, string> InvalidUpdates => new()
    {
        { """{"name":"","price":1}""", "name" },
        { $$"""{"name":"{{new string('n', 256)}}","price":1}""", "name" },
        { $$"""{"name":"ok","description":"{{new string('d', 10_001)}}","price":1}""", "description" },
        { """{"name":"ok","price":-1}""", "price" },
        { """{"name":"ok","price":0.001}""", "price" },
        { """{"name":"ok"}""", "price" },
    };

    [Fact]
    public async Task Create_answers_201_with_the_product_and_its_location()
    {
        var admin = await _factory.AdminAsync();
        var unknownId = Guid.NewGuid();

        using var response = await admin.Client.PostAsJsonAsync(
            "/api/products", new { id = unknownId, name = "  Oak Chair ", description = "Solid oak.", price = 149.9m, stock = 7, isAvailable = false });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"price\":149.90", raw, StringComparison.Ordinal);
        var product = await response.ReadJsonAsync();
        Api.AssertMembers(product, "id", "name", "description", "price", "stock", "isAvailable");
        Assert.NotEqual(unknownId, product.Id());
        Assert.Equal($"/api/products/{product.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Oak Chair", product.Str("name"));
        Assert.Equal("Solid oak.", product.Str("description"));
        Assert.Equal(149.90m, product.Money("price"));
        Assert.Equal(7, product.Int("stock"));
        Assert.True(product.GetProperty("isAvailable").GetBoolean());
        var stored = await _factory.GetProductAsync(product.Id());
        Assert.Equal("149.90", stored.RawMoney("price"));
        Assert.Equal("Oak Chair", stored.Str("name"));
    }

    [Fact]
    public async Task Create_accepts_the_boundary_values()
    {
        var smallest = await _factory.CreateProductAsync("x", 0m, 0);
        var largest = await _factory.CreateProductAsync(new string('x', 255), 99_999_999.99m, int.MaxValue, new string('d', 10_000));

        Assert.Equal("0.00", smallest.RawMoney("price"));
        Assert.Equal(0, smallest.Int("stock"));
        Assert.Equal("99999999.99", largest.RawMoney("price"));
        Assert.Equal(int.MaxValue, largest.Int("stock"));
        Assert.Equal(255, largest.Str("name").Length);
        Assert.Equal("99999999.99", (await _factory.GetProductAsync(largest.Id())).RawMoney("price"));
    }

    [Theory]
    [MemberData(nameof(InvalidProducts))]
    public async Task Create_with_an_invalid_field_is_400(string body, string field)
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostRawAsync("/api/products", body);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Update_answers_200_with_the_new_values_and_keeps_the_stock()
    {
        var product = await _factory.CreateProductAsync("Before", 5m, 9, "old");
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PutAsJsonAsync(
            $"/api/products/{product.Id()}", new { name = "After", description = (string?)null, price = 7.1m, stock = 1000 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJsonAsync();
        Assert.Equal("After", updated.Str("name"));
        Assert.Equal("7.10", updated.RawMoney("price"));
        Assert.Equal(9, updated.Int("stock"));
        var stored = await _factory.GetProductAsync(product.Id());
        Assert.Equal("After", stored.Str("name"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.GetProperty("description").ValueKind);
        Assert.Equal("7.10", stored.RawMoney("price"));
        Assert.Equal(9, stored.Int("stock"));
    }

    [Theory]
    [MemberData(nameof(InvalidUpdates))]
    public async Task Update_with_an_invalid_field_is_400(string body, string field)
    {
        var product = await _factory.CreateProductAsync();
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.SendJsonAsync(HttpMethod.Put, $"/api/products/{product.Id()}", body);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Update_of_an_unknown_product_is_404()
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PutAsJsonAsync($"/api/products/{Guid.NewGuid()}", new { name = "x", price = 1m });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Adjust_stock_adds_a_signed_delta()
    {
        var product = await _factory.CreateProductAsync(stock: 3);
        var admin = await _factory.AdminAsync();

        using var up = await admin.Client.PostAsJsonAsync($"/api/products/{product.Id()}/stock", new { delta = 5 });
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        var raised = await up.ReadJsonAsync();
        Api.AssertMembers(raised, "id", "name", "description", "price", "stock", "isAvailable");
        Assert.Equal(8, raised.Int("stock"));

        using var down = await admin.Client.PostAsJsonAsync($"/api/products/{product.Id()}/stock", new { delta = -8 });
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        var emptied = await down.ReadJsonAsync();
        Assert.Equal(0, emptied.Int("stock"));
        Assert.False(emptied.GetProperty("isAvailable").GetBoolean());
        Assert.Equal(0, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    [Fact]
    public async Task Adjust_stock_below_zero_is_409_and_changes_nothing()
    {
        var product = await _factory.CreateProductAsync(stock: 4);
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostAsJsonAsync($"/api/products/{product.Id()}/stock", new { delta = -5 });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(4, (await _factory.GetProductAsync(product.Id())).Int("stock"));
    }

    [Theory]
    [InlineData("""{"delta":0}""")]
    [InlineData("""{}""")]
    [InlineData("""{"delta":null}""")]
    public async Task Adjust_stock_with_an_invalid_delta_is_400(string body)
    {
        var product = await _factory.CreateProductAsync();
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostRawAsync($"/api/products/{product.Id()}/stock", body);

        await response.AssertValidationProblemAsync("delta");
    }

    [Fact]
    public async Task Adjust_stock_of_an_unknown_product_is_404()
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostAsJsonAsync($"/api/products/{Guid.NewGuid()}/stock", new { delta = 1 });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_answers_204_and_the_product_is_gone()
    {
        var product = await _factory.CreateProductAsync();
        var admin = await _factory.AdminAsync();
        await _factory.GetProductAsync(product.Id());

        using var response = await admin.Client.DeleteAsync($"/api/products/{product.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var client = _factory.CreateAnonymousClient();
        using var get = await client.GetAsync($"/api/products/{product.Id()}");
        await get.AssertProblemAsync(HttpStatusCode.NotFound);
        using var again = await admin.Client.DeleteAsync($"/api/products/{product.Id()}");
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_of_a_product_in_an_order_is_409_and_keeps_it()
    {
        var product = await _factory.CreateProductAsync(stock: 5);
        var customer = await _factory.CustomerAsync();
        await ShopApiFactory.PlaceOrderAsync(customer, (product.Id(), 1));
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.DeleteAsync($"/api/products/{product.Id()}");

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(product.Id(), (await _factory.GetProductAsync(product.Id())).Id());
    }

    [Theory]
    [InlineData("POST", "/api/products", """{"name":"x","price":1,"stock":1}""")]
    [InlineData("PUT", "/api/products/{id}", """{"name":"x","price":1}""")]
    [InlineData("POST", "/api/products/{id}/stock", """{"delta":1}""")]
    [InlineData("DELETE", "/api/products/{id}", null)]
    public async Task Catalog_writes_are_401_without_a_token_and_403_for_a_customer(string method, string route, string? body)
    {
        var product = await _factory.CreateProductAsync("Guarded", 3m, 3);
        var url = route.Replace("{id}", product.Id().ToString(), StringComparison.Ordinal);
        var customer = await _factory.CustomerAsync();
        using var anonymous = _factory.CreateAnonymousClient();
        using var invalidToken = _factory.CreateAnonymousClient();
        invalidToken.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", customer.Token + "x");

        using var unauthorized = await SendAsync(anonymous, method, url, body);
        using var badToken = await SendAsync(invalidToken, method, url, body);
        using var forbidden = await SendAsync(customer.Client, method, url, body);

        await unauthorized.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await badToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        var unchanged = await _factory.GetProductAsync(product.Id());
        Assert.Equal("Guarded", unchanged.Str("name"));
        Assert.Equal(3, unchanged.Int("stock"));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, string? body) =>
        body is null ? client.DeleteAsync(url) : client.SendJsonAsync(new HttpMethod(method), url, body);
}
