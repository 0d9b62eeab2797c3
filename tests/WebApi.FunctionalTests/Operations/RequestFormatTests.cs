using System.Net;
using System.Net.Http.Json;
using System.Text;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>Bodies that are not JSON, JSON of the wrong types, unknown fields and unknown routes.</summary>
public class RequestFormatTests : IClassFixture<ShopApiFactory>
{
    private const string SomeId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    private readonly ShopApiFactory _factory;

    public RequestFormatTests(ShopApiFactory factory) => _factory = factory;

    public enum Caller
    {
        Anonymous,
        Customer,
        Admin,
    }

    public static TheoryData<Caller, string, string, string> MalformedBodies => new()
    {
        { Caller.Anonymous, "POST", "/api/users", """{"email":""" },
        { Caller.Anonymous, "POST", "/api/users", "not json at all" },
        { Caller.Anonymous, "POST", "/api/sessions", """{"email":"a@b.example","password":"x",}""" },
        { Caller.Customer, "PATCH", "/api/users/me", "{" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":,"stock":1}""" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":NaN,"stock":1}""" },
        { Caller.Admin, "PUT", $"/api/products/{SomeId}", """{"name":"x" "price":1}""" },
        { Caller.Admin, "POST", $"/api/products/{SomeId}/stock", "[1" },
        { Caller.Customer, "POST", "/api/orders", """{"items":[{"productId":""" },
        { Caller.Customer, "POST", $"/api/orders/{SomeId}/items", "}" },
        { Caller.Customer, "POST", $"/api/orders/{SomeId}/payment", """{"amount":12.5""" },
        { Caller.Anonymous, "POST", "/api/users", "" },
    };

    /// <summary>Well-formed JSON whose value does not fit the field: a field error, named as the client sent it.</summary>
    public static TheoryData<Caller, string, string, string, string> WrongTypes => new()
    {
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":"abc","stock":1}""", "price" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":1,"stock":"many"}""", "stock" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":1,"stock":1.5}""", "stock" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":1,"stock":2147483648}""", "stock" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":1,"Stock":"many"}""", "stock" },
        { Caller.Admin, "POST", "/api/products", """{"name":["x"],"price":1,"stock":1}""", "name" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":1E-30,"stock":1}""", "price" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":1.000000000000000000000000000001,"stock":1}""", "price" },
        { Caller.Admin, "POST", "/api/products", """{"name":"x","price":1e400,"stock":1}""", "price" },
        { Caller.Admin, "PUT", $"/api/products/{SomeId}", """{"name":"x","price":true}""", "price" },
        { Caller.Admin, "POST", $"/api/products/{SomeId}/stock", """{"delta":"up"}""", "delta" },
        { Caller.Admin, "POST", $"/api/products/{SomeId}/stock", """{"delta":99999999999}""", "delta" },
        { Caller.Anonymous, "POST", "/api/users", """{"email":42,"name":"x","password":"long enough"}""", "email" },
        { Caller.Anonymous, "POST", "/api/sessions", """{"email":{},"password":"long enough"}""", "email" },
        { Caller.Customer, "POST", "/api/orders", """{"items":[{"productId":"not-a-guid","quantity":1}]}""", "items[0].productId" },
        { Caller.Customer, "POST", "/api/orders", """{"items":[{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":"one"}]}""", "items[0].quantity" },
        { Caller.Customer, "POST", "/api/orders", """{"items":{"productId":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","quantity":1}}""", "items" },
        { Caller.Customer, "POST", $"/api/orders/{SomeId}/payment", """{"amount":"lots"}""", "amount" },
        { Caller.Customer, "POST", $"/api/orders/{SomeId}/payment", """{"amount":1e-30}""", "amount" },
        { Caller.Customer, "PATCH", "/api/users/me", """{"name":12}""", "name" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_is_400_problem_json(Caller caller, string method, string url, string body)
    {
        var client = await ClientAsync(caller);

        using var response = await client.SendJsonAsync(new HttpMethod(method), url, body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.Str("detail"), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("errors", out _), "malformed JSON names no field");
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Json_of_the_wrong_type_is_a_400_field_error(Caller caller, string method, string url, string body, string field)
    {
        var client = await ClientAsync(caller);

        using var response = await client.SendJsonAsync(new HttpMethod(method), url, body);

        var problem = await response.AssertValidationProblemAsync(field);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString();
        Assert.True(
            message is "Has the wrong type, or is a number outside what the field can hold (see the OpenAPI schema)."
                or "Must be a number with at most two decimals.",
            $"unexpected message for {field}: {message}");
    }

    [Theory]
    [InlineData("/api/products?page=abc", "page")]
    [InlineData("/api/products?pageSize=2147483648", "pageSize")]
    [InlineData("/api/products?page=1.5", "page")]
    [InlineData("/api/products?page=%0A", "page")]
    public async Task A_query_parameter_of_the_wrong_type_is_a_400_field_error(string url, string field)
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var problem = await response.AssertValidationProblemAsync(field);
        Assert.Equal("Must be a whole number.", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("1.25e1", "12.50")]
    [InlineData("1200e-2", "12.00")]
    [InlineData("12.5000", "12.50")]
    [InlineData("\"12.5\"", "12.50")]
    [InlineData("0", "0.00")]
    [InlineData("99999999.99", "99999999.99")]
    public async Task A_price_written_another_way_but_exact_is_accepted(string price, string stored)
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostRawAsync("/api/products", $$"""{"name":"Exp {{Guid.NewGuid():N}}","price":{{price}},"stock":1}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(stored, (await response.ReadJsonAsync()).RawMoney("price"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_content_type_is_a_problem_not_a_500()
    {
        using var client = _factory.CreateAnonymousClient();
        using var content = new StringContent("""{"email":"a@b.example","name":"x","password":"long enough"}""", Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync("/api/users", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Unknown_json_fields_are_ignored()
    {
        var admin = await _factory.AdminAsync();
        var email = $"extra-{Guid.NewGuid():N}@functional.test";
        using var anonymous = _factory.CreateAnonymousClient();

        using var registered = await anonymous.PostRawAsync(
            "/api/users", $$"""{"email":"{{email}}","name":"Extra","password":"{{ShopApiFactory.Password}}","isAdmin":true,"role":"admin","nested":{"a":[1,2]},"x":1}""");
        using var login = await anonymous.PostRawAsync(
            "/api/sessions", $$"""{"email":"{{email}}","password":"{{ShopApiFactory.Password}}","rememberMe":true}""");
        using var product = await admin.Client.PostRawAsync(
            "/api/products", """{"name":"Extra","price":1.5,"stock":2,"isAvailable":false,"colour":"red"}""");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        Assert.Equal(HttpStatusCode.Created, product.StatusCode);
        var created = await product.ReadJsonAsync();
        Assert.True(created.GetProperty("isAvailable").GetBoolean());
        Assert.Equal("1.50", created.RawMoney("price"));
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("GET", "/api/products/not-a-guid")]
    [InlineData("POST", "/api/orders/not-a-guid/payment")]
    [InlineData("GET", "/")]
    public async Task An_unknown_route_is_404_problem_json(string method, string url)
    {
        using var client = _factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_method_the_route_does_not_have_is_405_problem_json()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.PutAsJsonAsync("/api/sessions/current", new { });

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    private async Task<HttpClient> ClientAsync(Caller caller) => caller switch
    {
        Caller.Admin => (await _factory.AdminAsync()).Client,
        Caller.Customer => (await _factory.CustomerAsync()).Client,
        _ => _factory.CreateAnonymousClient(),
    };
}
