using System.Net;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

public class HealthAndDocumentationTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public HealthAndDocumentationTests(ShopApiFactory factory) => _factory = factory;

    /// <summary>Every route of api.md: path, method, then its success status and every error status it lists.</summary>
    public static TheoryData<string, string, int[]> Routes => new()
    {
        { "/api/users", "post", [201, 400, 409] },
        { "/api/sessions", "post", [201, 400, 401] },
        { "/api/sessions/current", "delete", [204, 401] },
        { "/api/users/me", "get", [200, 401] },
        { "/api/users/me", "patch", [200, 400, 401] },
        { "/api/products", "get", [200, 400] },
        { "/api/products/{id}", "get", [200, 404] },
        { "/api/products", "post", [201, 400, 401, 403] },
        { "/api/products/{id}", "put", [200, 400, 401, 403, 404] },
        { "/api/products/{id}/stock", "post", [200, 400, 401, 403, 404, 409] },
        { "/api/products/{id}", "delete", [204, 401, 403, 404, 409] },
        { "/api/orders", "post", [201, 400, 401, 404, 409] },
        { "/api/orders", "get", [200, 400, 401] },
        { "/api/orders/{id}", "get", [200, 401, 404] },
        { "/api/orders/{id}/items", "post", [200, 400, 401, 404, 409] },
        { "/api/orders/{id}/payment", "post", [200, 400, 401, 404, 409, 422] },
        { "/api/orders/{id}/cancel", "post", [200, 401, 404, 409] },
    };

    [Fact]
    public async Task Health_live_is_200()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_ready_is_200_when_postgres_and_redis_answer()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_api_reference_answers_200_with_html()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_openapi_document_lists_the_route_with_its_method(string path, string method, int[] statuses)
    {
        Assert.NotEmpty(statuses);
        var paths = (await OpenApiAsync()).GetProperty("paths");

        Assert.True(paths.TryGetProperty(path, out var item), $"No path '{path}'; paths: {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
        Assert.True(item.TryGetProperty(method, out _), $"'{path}' has no '{method}'; has: {string.Join(", ", item.EnumerateObject().Select(p => p.Name))}");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_openapi_document_declares_the_success_and_every_error_response_of_the_route(string path, string method, int[] statuses)
    {
        var paths = (await OpenApiAsync()).GetProperty("paths");
        var operation = FindOperation(paths, path, method);

        var responses = operation.GetProperty("responses");
        foreach (var status in statuses)
        {
            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(responses.TryGetProperty(code, out var response),
                $"{method.ToUpperInvariant()} {path} declares no {code}; declares: {string.Join(", ", responses.EnumerateObject().Select(p => p.Name))}");
            if (status >= 400)
            {
                Assert.True(
                    response.TryGetProperty("content", out var content) && content.TryGetProperty(Api.ProblemJson, out _),
                    $"{method.ToUpperInvariant()} {path} {code} is not described as {Api.ProblemJson}");
            }
        }
    }

    [Fact]
    public async Task The_openapi_document_has_schemas_for_the_resources()
    {
        var document = await OpenApiAsync();

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var product = FindOperation(document.GetProperty("paths"), "/api/products/{id}", "get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(product.TryGetProperty("$ref", out var reference), product.GetRawText());
        var name = reference.GetString()!.Split('/')[^1];
        var properties = schemas.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["description", "id", "isAvailable", "name", "price", "stock"], properties.Order(StringComparer.Ordinal));
    }

    private static JsonElement FindOperation(JsonElement paths, string path, string method)
    {
        Assert.True(paths.TryGetProperty(path, out var item), $"No path '{path}'");
        Assert.True(item.TryGetProperty(method, out var operation), $"'{path}' has no '{method}'");
        return operation;
    }

    private async Task<JsonElement> OpenApiAsync()
    {
        using var client = _factory.CreateAnonymousClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync();
    }
}
