using System.Net;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

public class HealthAndDocumentationTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public HealthAndDocumentationTests(ShopApiFactory factory) => _factory = factory;

    /// <summary>
    /// Every route of the contract of record, docs/api.md (its tables headed | route | auth | body | success | errors |):
    /// path, method, then its success status and every error status it lists. Read from the file, never copied here.
    /// </summary>
    public static TheoryData<string, string, int[]> Routes
    {
        get
        {
            var routes = new TheoryData<string, string, int[]>();
            foreach (var route in ApiContract.Routes)
            {
                routes.Add(route.Path, route.Method, [.. route.Statuses]);
            }

            return routes;
        }
    }

    /// <summary>Every route of docs/api.md as path and method only.</summary>
    public static TheoryData<string, string> Operations
    {
        get
        {
            var operations = new TheoryData<string, string>();
            foreach (var route in ApiContract.Routes)
            {
                operations.Add(route.Path, route.Method);
            }

            return operations;
        }
    }

    /// <summary>The routes docs/api.md lists with auth "none"; every other route needs a bearer token.</summary>
    private static HashSet<(string Path, string Method)> AnonymousRoutes =>
        [.. ApiContract.Routes.Where(route => route.Anonymous).Select(route => (route.Path, route.Method))];

    /// <summary>The routes docs/api.md requires to support Idempotency-Key.</summary>
    private static HashSet<(string Path, string Method)> IdempotentRoutes => [.. ApiContract.IdempotentRoutes];

    [Fact]
    public void The_route_table_is_read_from_docs_api_md()
    {
        var routes = ApiContract.Routes;

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.InRange(route.Statuses[0], 200, 299));
        Assert.NotEmpty(AnonymousRoutes);
        Assert.NotEmpty(IdempotentRoutes);
        Assert.All(IdempotentRoutes, idempotent => Assert.Contains(routes, route => (route.Path, route.Method) == idempotent));
    }

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
        var document = await OpenApiAsync();
        var operation = FindOperation(document.GetProperty("paths"), path, method);

        var responses = operation.GetProperty("responses");
        foreach (var status in statuses)
        {
            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(responses.TryGetProperty(code, out var declared),
                $"{method.ToUpperInvariant()} {path} declares no {code}; declares: {string.Join(", ", responses.EnumerateObject().Select(p => p.Name))}");
            var response = Resolve(document, declared);
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

    [Theory]
    [InlineData("ProductResponse", "price")]
    [InlineData("CreateProductRequest", "price")]
    [InlineData("UpdateProductRequest", "price")]
    [InlineData("OrderResponse", "total")]
    [InlineData("LineItemResponse", "unitPrice")]
    [InlineData("LineItemResponse", "subtotal")]
    [InlineData("PaymentRequest", "amount")]
    public async Task Money_is_documented_as_a_decimal_number_with_two_decimals(string schema, string property)
    {
        var money = PropertySchema(await OpenApiAsync(), schema, property);

        // Requests add the validators' range (0 to the largest amount); nothing else.
        Assert.Subset(new HashSet<string> { "description", "format", "type", "minimum", "maximum" }, money.EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.False(money.TryGetProperty("multipleOf", out _));
        Assert.Equal("number", money.GetProperty("type").GetString());
        Assert.Equal("decimal", money.GetProperty("format").GetString());
        Assert.Contains("two decimal places", money.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ProductResponse", "stock")]
    [InlineData("CreateProductRequest", "stock")]
    [InlineData("AdjustStockRequest", "delta")]
    [InlineData("OrderItemRequest", "quantity")]
    [InlineData("LineItemResponse", "quantity")]
    [InlineData("PagedResponseOfProductResponse", "totalCount")]
    public async Task Integers_are_documented_as_plain_integers(string schema, string property)
    {
        var integer = PropertySchema(await OpenApiAsync(), schema, property);

        // Requests add the validators' range; never a pattern or a string type.
        Assert.Subset(new HashSet<string> { "format", "type", "minimum", "maximum" }, integer.EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.Equal("integer", integer.GetProperty("type").GetString());
        Assert.Equal("int32", integer.GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_product_page_documents_the_estimate_flag_and_the_cursor_and_the_order_page_neither()
    {
        var document = await OpenApiAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        Assert.Equal("boolean", PropertySchema(document, "PagedResponseOfProductResponse", "totalCountIsEstimate").GetProperty("type").GetString());
        Assert.Equal("string", PropertySchema(document, "PagedResponseOfProductResponse", "nextCursor").GetProperty("type").GetString());
        Assert.Contains("totalCountIsEstimate", schemas.GetProperty("PagedResponseOfProductResponse").GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        var orderPage = schemas.GetProperty("PagedResponseOfOrderResponse").GetProperty("properties");
        Assert.False(orderPage.TryGetProperty("totalCountIsEstimate", out _));
        Assert.False(orderPage.TryGetProperty("nextCursor", out _));
        var parameters = document.GetProperty("paths").GetProperty("/api/products").GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
        Assert.Contains(parameters, parameter => parameter.GetProperty("name").GetString() == "cursor" && parameter.GetProperty("in").GetString() == "query");
        Assert.Contains("10,000", parameters.Single(parameter => parameter.GetProperty("name").GetString() == "page").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_schema_in_the_document_is_a_double_or_a_number_written_as_a_string()
    {
        var offenders = new List<string>();
        CollectNumberOffenders(await OpenApiAsync(), "#", offenders);

        Assert.True(offenders.Count == 0, $"Schemas with format double or number-as-string: {string.Join(", ", offenders)}");
    }

    [Fact]
    public async Task Every_schema_of_a_request_or_response_has_an_example()
    {
        var schemas = (await OpenApiAsync()).GetProperty("components").GetProperty("schemas");

        var without = schemas.EnumerateObject()
            .Where(schema => !schema.Value.TryGetProperty("examples", out var examples) || examples.GetArrayLength() == 0)
            .Select(schema => schema.Name);
        Assert.Empty(without);
    }

    [Fact]
    public async Task The_items_of_an_order_placement_are_documented_as_an_array_of_order_items()
    {
        var document = await OpenApiAsync();

        var items = document.GetProperty("components").GetProperty("schemas").GetProperty("PlaceOrderRequest")
            .GetProperty("properties").GetProperty("items");
        Assert.Contains("array", items.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.EndsWith("/OrderItemRequest", items.GetProperty("items").GetProperty("$ref").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CreateProductRequest", "name,price,stock")]
    [InlineData("UpdateProductRequest", "name,price")]
    [InlineData("AdjustStockRequest", "delta")]
    [InlineData("RegisterUserRequest", "email,name,password")]
    [InlineData("CreateSessionRequest", "email,password")]
    [InlineData("RenameUserRequest", "name")]
    [InlineData("PlaceOrderRequest", "items")]
    [InlineData("OrderItemRequest", "productId,quantity")]
    [InlineData("PaymentRequest", "amount")]
    [InlineData("ProductResponse", "id,name,price,stock,isAvailable")]
    public async Task Only_the_properties_the_contract_requires_are_required(string schema, string required)
    {
        var document = await OpenApiAsync();

        var actual = document.GetProperty("components").GetProperty("schemas").GetProperty(schema)
            .GetProperty("required").EnumerateArray().Select(name => name.GetString()!);
        Assert.Equal(required.Split(',').Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Exactly_the_operations_that_need_a_token_require_the_bearer_scheme(string path, string method)
    {
        var document = await OpenApiAsync();
        var operation = FindOperation(document.GetProperty("paths"), path, method);

        // Anonymous routes say so with an empty list rather than by leaving security out.
        Assert.True(operation.TryGetProperty("security", out var security), $"{method} {path} has no security");
        List<string> schemes = [.. security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name))];
        List<string> expected = AnonymousRoutes.Contains((path, method)) ? [] : ["Bearer"];
        Assert.Equal(expected, schemes);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_operation_has_a_summary_a_description_and_a_described_tag(string path, string method)
    {
        var document = await OpenApiAsync();
        var operation = FindOperation(document.GetProperty("paths"), path, method);

        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), $"{method} {path} has no description");
        var tag = Assert.Single(operation.GetProperty("tags").EnumerateArray()).GetString();
        var described = document.GetProperty("tags").EnumerateArray().Single(entry => entry.GetProperty("name").GetString() == tag);
        Assert.False(string.IsNullOrWhiteSpace(described.GetProperty("description").GetString()), $"tag {tag} has no description");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Exactly_the_idempotent_operations_take_an_optional_Idempotency_Key_header(string path, string method)
    {
        var operation = FindOperation((await OpenApiAsync()).GetProperty("paths"), path, method);

        var headers = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("name").GetString() == "Idempotency-Key").ToList()
            : [];
        if (!IdempotentRoutes.Contains((path, method)))
        {
            Assert.Empty(headers);
            return;
        }

        var header = Assert.Single(headers);
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.False(header.TryGetProperty("required", out var required) && required.GetBoolean(), "Idempotency-Key must be optional");
        var schema = header.GetProperty("schema");
        Assert.Equal("string", schema.GetProperty("type").GetString());
        Assert.Equal(1, schema.GetProperty("minLength").GetInt32());
        Assert.Equal(255, schema.GetProperty("maxLength").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_operation_documents_429_and_503_with_Retry_After_and_the_rate_limit_headers(string path, string method, int[] statuses)
    {
        var document = await OpenApiAsync();
        var responses = FindOperation(document.GetProperty("paths"), path, method).GetProperty("responses");

        foreach (var retryLater in new[] { "429", "503" })
        {
            Assert.True(responses.TryGetProperty(retryLater, out var declared), $"{method.ToUpperInvariant()} {path} declares no {retryLater}");
            var problem = Resolve(document, declared);
            Assert.True(problem.GetProperty("content").TryGetProperty(Api.ProblemJson, out _), $"{method.ToUpperInvariant()} {path} {retryLater} is not {Api.ProblemJson}");
            Assert.True(problem.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method.ToUpperInvariant()} {path} {retryLater} has no Retry-After");
        }

        foreach (var status in statuses.Append(429).Append(503))
        {
            var headers = Resolve(document, responses.GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))).GetProperty("headers");
            Assert.True(headers.TryGetProperty("X-RateLimit-Limit", out _), $"{method.ToUpperInvariant()} {path} {status} has no X-RateLimit-Limit");
            Assert.True(headers.TryGetProperty("X-RateLimit-Remaining", out _), $"{method.ToUpperInvariant()} {path} {status} has no X-RateLimit-Remaining");
        }
    }

    /// <summary>The object a `$ref` points to (`#/components/...`), or the element itself.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        if (!element.TryGetProperty("$ref", out var reference))
        {
            return element;
        }

        return reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(document, (node, part) => node.GetProperty(part));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Only_changes_document_a_full_queue_in_their_503_the_password_hashing_one_for_login_and_registration(
        string path, string method, int[] statuses)
    {
        _ = statuses;
        var description = FindOperation((await OpenApiAsync()).GetProperty("paths"), path, method).GetProperty("responses").GetProperty("503").Str("description");
        var writes = description.Contains("Shop:ConcurrencyLimiter:QueueLimit", StringComparison.Ordinal);
        var hashing = description.Contains("Shop:PasswordHashing:QueueLimit", StringComparison.Ordinal);

        // A change takes one of the two concurrency limiters, never both; a read neither.
        Assert.Equal(method is not ("get" or "head"), writes ^ hashing);
        Assert.False(writes && hashing, description);
        if ((path, method) is ("/api/sessions", "post") or ("/api/users", "post"))
        {
            Assert.True(hashing, description);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Only_the_product_read_documents_the_Age_of_an_output_cached_response(string path, string method, int[] statuses)
    {
        var document = await OpenApiAsync();
        var responses = FindOperation(document.GetProperty("paths"), path, method).GetProperty("responses");

        var documented = statuses.Where(status => Resolve(document, responses.GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .GetProperty("headers").TryGetProperty("Age", out _));
        Assert.Equal((path, method) == ("/api/products/{id}", "get") ? [200] : [], documented);
    }

    private static JsonElement PropertySchema(JsonElement document, string schema, string property) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty(property);

    /// <summary>Walks the whole document for `format: double` and for a `type` list that allows a number as a string.</summary>
    private static void CollectNumberOffenders(JsonElement element, string pointer, List<string> offenders)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "double")
            {
                offenders.Add(pointer);
            }

            if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
                {
                    offenders.Add(pointer);
                }
            }

            foreach (var property in element.EnumerateObject())
            {
                CollectNumberOffenders(property.Value, $"{pointer}/{property.Name}", offenders);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                CollectNumberOffenders(item, $"{pointer}/{index++}", offenders);
            }
        }
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
