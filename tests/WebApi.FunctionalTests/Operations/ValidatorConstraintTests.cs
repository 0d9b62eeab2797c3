using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The OpenAPI document's constraints are the validators' rules: each bound the document states is accepted and the value
/// one past it is a 400 naming the field. A number changed on either side fails here.
/// </summary>
public class ValidatorConstraintTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ValidatorConstraintTests(ShopApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("RegisterUserRequest", "name", "maxLength")]
    [InlineData("RegisterUserRequest", "password", "minLength")]
    [InlineData("RegisterUserRequest", "password", "maxLength")]
    public async Task Registration_accepts_each_documented_bound_and_refuses_one_past_it(string schema, string field, string keyword)
    {
        var bound = await ConstraintAsync(schema, field, keyword);
        using var client = _factory.CreateAnonymousClient();

        object Body(int length) => new
        {
            email = $"bound-{Guid.NewGuid():N}@functional.test",
            name = field == "name" ? new string('n', length) : "Bound",
            password = field == "password" ? Password(length) : ShopApiFactory.Password,
        };

        await AssertBoundAsync(() => client.PostAsJsonAsync("/api/users", Body((int)bound)), field, accepted: true);
        await AssertBoundAsync(() => client.PostAsJsonAsync("/api/users", Body((int)(keyword == "maxLength" ? bound + 1 : bound - 1))), field, accepted: false);
    }

    [Theory]
    [InlineData("name", "maxLength")]
    [InlineData("description", "maxLength")]
    [InlineData("price", "maximum")]
    [InlineData("price", "minimum")]
    [InlineData("stock", "minimum")]
    public async Task Product_creation_accepts_each_documented_bound_and_refuses_one_past_it(string field, string keyword)
    {
        var bound = await ConstraintAsync("CreateProductRequest", field, keyword);
        var admin = await _factory.AdminAsync();
        var past = keyword switch
        {
            "maxLength" => bound + 1,
            "maximum" => bound + (field == "price" ? 0.01m : 1),
            _ => bound - (field == "price" ? 0.01m : 1),
        };

        Dictionary<string, object?> Body(decimal value) => new()
        {
            ["name"] = field == "name" ? new string('p', (int)value) : $"Bound {Guid.NewGuid():N}",
            ["description"] = field == "description" ? new string('d', (int)value) : null,
            ["price"] = field == "price" ? value : 1m,
            ["stock"] = field == "stock" ? (int)value : 1,
        };

        await AssertBoundAsync(() => admin.Client.PostAsJsonAsync("/api/products", Body(bound)), field, accepted: true);
        await AssertBoundAsync(() => admin.Client.PostAsJsonAsync("/api/products", Body(past)), field, accepted: false);
    }

    [Theory]
    [InlineData("minimum")]
    [InlineData("maximum")]
    public async Task An_order_line_accepts_each_documented_quantity_bound_and_refuses_one_past_it(string keyword)
    {
        var bound = (int)await ConstraintAsync("OrderItemRequest", "quantity", keyword);
        var product = await _factory.CreateProductAsync(stock: 5000);
        var user = await _factory.NewUserAsync();

        object Body(int quantity) => new { items = new[] { new { productId = product.GetProperty("id").GetGuid(), quantity } } };

        await AssertBoundAsync(() => user.Client.PostAsJsonAsync("/api/orders", Body(bound)), "items[0].quantity", accepted: true);
        await AssertBoundAsync(() => user.Client.PostAsJsonAsync("/api/orders", Body(keyword == "maximum" ? bound + 1 : bound - 1)), "items[0].quantity", accepted: false);
    }

    [Fact]
    public async Task An_order_accepts_the_documented_number_of_items_and_refuses_one_more()
    {
        var bound = (int)await ConstraintAsync("PlaceOrderRequest", "items", "maxItems");
        var product = await _factory.CreateProductAsync(stock: 5000);
        var user = await _factory.NewUserAsync();

        object Body(int count) => new { items = Enumerable.Repeat(new { productId = product.GetProperty("id").GetGuid(), quantity = 1 }, count) };

        await AssertBoundAsync(() => user.Client.PostAsJsonAsync("/api/orders", Body(bound)), "items", accepted: true);
        await AssertBoundAsync(() => user.Client.PostAsJsonAsync("/api/orders", Body(bound + 1)), "items", accepted: false);
    }

    [Theory]
    [InlineData("url", "maxLength")]
    [InlineData("events", "maxItems")]
    [InlineData("events", "minItems")]
    public async Task A_webhook_subscription_accepts_each_documented_bound_and_refuses_one_past_it(string field, string keyword)
    {
        var bound = (int)await ConstraintAsync("CreateWebhookRequest", field, keyword);
        var admin = await _factory.AdminAsync();
        // A public address literal: the private-network guard lets it through without asking DNS.
        const string Origin = "http://203.0.113.10/";

        object Body(int size) => new
        {
            url = field == "url" ? Origin + new string('w', size - Origin.Length) : Origin,
            events = field == "events" ? Enumerable.Repeat("order.paid", size).ToArray() : ["*"],
        };

        await AssertBoundAsync(() => admin.Client.PostAsJsonAsync("/api/webhooks", Body(bound)), field, accepted: true);
        await AssertBoundAsync(() => admin.Client.PostAsJsonAsync("/api/webhooks", Body(keyword == "minItems" ? bound - 1 : bound + 1)), field, accepted: false);
    }

    [Theory]
    [InlineData("pageSize", "maximum")]
    [InlineData("search", "minLength")]
    public async Task The_product_search_accepts_each_documented_bound_and_refuses_one_past_it(string parameter, string keyword)
    {
        var document = await DocumentAsync();
        var bound = document.GetProperty("paths").GetProperty("/api/products").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(entry => entry.GetProperty("name").GetString() == parameter).GetProperty("schema").GetProperty(keyword).GetInt32();
        using var client = _factory.CreateAnonymousClient();

        string Query(int value) => parameter == "pageSize"
            ? $"/api/products?pageSize={value.ToString(CultureInfo.InvariantCulture)}"
            : $"/api/products?search={new string('x', value)}";

        await AssertBoundAsync(() => client.GetAsync(new Uri(Query(bound), UriKind.Relative)), parameter, accepted: true);
        await AssertBoundAsync(() => client.GetAsync(new Uri(Query(keyword == "maximum" ? bound + 1 : bound - 1), UriKind.Relative)), parameter, accepted: false);
    }

    [Fact]
    public async Task The_order_status_filter_documents_exactly_the_statuses_the_API_accepts()
    {
        var document = await DocumentAsync();
        var statuses = document.GetProperty("paths").GetProperty("/api/orders").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(entry => entry.GetProperty("name").GetString() == "status").GetProperty("schema").GetProperty("enum")
            .EnumerateArray().Select(status => status.GetString()!).ToList();
        var user = await _factory.CustomerAsync();

        Assert.Equal(["pending", "paid", "cancelled"], statuses);
        foreach (var status in statuses)
        {
            using var accepted = await user.Client.GetAsync(new Uri($"/api/orders?status={status}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var refused = await user.Client.GetAsync(new Uri("/api/orders?status=shipped", UriKind.Relative));
        await refused.AssertValidationProblemAsync("status");
    }

    // A password of the given length that is not on the common-password list.
    private static string Password(int length) => string.Concat(Enumerable.Repeat("Qz7-", (length / 4) + 1))[..length];

    private async Task<decimal> ConstraintAsync(string schema, string field, string keyword) =>
        (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema)
            .GetProperty("properties").GetProperty(field).GetProperty(keyword).GetDecimal();

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = _factory.CreateAnonymousClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        return await response.ReadJsonAsync();
    }

    /// <summary>Accepted: the answer does not name the field (it may fail for another reason). Refused: a 400 naming it.</summary>
    private static async Task AssertBoundAsync(Func<Task<HttpResponseMessage>> send, string field, bool accepted)
    {
        using var response = await send();
        if (!accepted)
        {
            await response.AssertValidationProblemAsync(field);
            return;
        }

        var body = await response.Content.ReadAsStringAsync();
        var named = response.StatusCode == HttpStatusCode.BadRequest
            && JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
        Assert.False(named, $"the documented bound was refused: {body}");
        Assert.True((int)response.StatusCode < 500, body);
    }
}
