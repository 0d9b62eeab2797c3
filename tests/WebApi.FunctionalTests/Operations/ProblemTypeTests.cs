using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Shop.Application.Errors;
using Shop.Domain.Common;
using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>Every refusal names its cause in `type` (/problems/{code}) with the same title each time; the type is a page.</summary>
public partial class ProblemTypeTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ProblemTypeTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task The_two_409s_of_a_payment_have_types_of_their_own()
    {
        var user = await _factory.NewUserAsync();
        var scarce = await _factory.CreateProductAsync(stock: 2);
        var short1 = await ShopApiFactory.PlaceOrderAsync(user, (scarce.Id(), 2));
        var paid = await ShopApiFactory.PlaceOrderAsync(user, (scarce.Id(), 1));
        using (var first = await PayAsync(user, paid))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var notPending = await PayAsync(user, paid);
        using var shortOfStock = await PayAsync(user, short1);

        await AssertTypeAsync(notPending, HttpStatusCode.Conflict, "order-not-pending", "Order not pending");
        await AssertTypeAsync(shortOfStock, HttpStatusCode.Conflict, "insufficient-stock", "Not enough stock");
    }

    [Fact]
    public async Task The_two_422s_of_a_payment_have_types_of_their_own()
    {
        var user = await _factory.NewUserAsync();
        var product = await _factory.CreateProductAsync(price: 5m);
        var order = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        using var wrongAmount = await user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 4m });
        using var keyed = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order.Id()}/payment") { Content = JsonContent.Create(new { amount = 4m }) };
        keyed.Headers.Add("Idempotency-Key", "problem-types");
        using (await user.Client.SendAsync(keyed))
        {
        }

        using var reused = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order.Id()}/payment") { Content = JsonContent.Create(new { amount = 5m }) };
        reused.Headers.Add("Idempotency-Key", "problem-types");
        using var keyReused = await user.Client.SendAsync(reused);

        await AssertTypeAsync(wrongAmount, HttpStatusCode.UnprocessableEntity, "payment-amount-mismatch", "Amount is not the total");
        await AssertTypeAsync(keyReused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key reused");
    }

    [Fact]
    public async Task Refusals_the_framework_answers_by_itself_name_their_cause_too()
    {
        using var client = _factory.CreateAnonymousClient();
        using var noRoute = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));
        using var wrongMethod = await client.DeleteAsync(new Uri("/api/products", UriKind.Relative));
        using var noToken = await client.GetAsync(new Uri("/api/orders", UriKind.Relative));
        using var unknownOrder = await (await _factory.CustomerAsync()).Client.GetAsync(new Uri($"/api/orders/{Guid.NewGuid()}", UriKind.Relative));
        using var invalid = await client.PostAsJsonAsync("/api/users", new { email = "not-an-email", name = "x", password = "correct horse battery" });

        await AssertTypeAsync(noRoute, HttpStatusCode.NotFound, "route-not-found", "No such route");
        await AssertTypeAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method-not-allowed", "Method not allowed");
        await AssertTypeAsync(noToken, HttpStatusCode.Unauthorized, "authentication-required", "Authentication required");
        await AssertTypeAsync(unknownOrder, HttpStatusCode.NotFound, "order-not-found", "Order not found");
        await AssertTypeAsync(invalid, HttpStatusCode.BadRequest, "validation-failed", "Invalid fields");
    }

    [Fact]
    public async Task Every_type_is_a_page_that_names_it_and_the_index_lists_them_all()
    {
        using var client = _factory.CreateAnonymousClient();
        using var index = await client.GetAsync(new Uri("/problems/", UriKind.Relative));
        var listed = await index.Content.ReadAsStringAsync();

        foreach (var type in ProblemTypes.All)
        {
            using var page = await client.GetAsync(new Uri(type.Uri, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"<h1>{WebUtility.HtmlEncode(type.Title)}</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains($"href=\"{type.Uri}\"", listed, StringComparison.Ordinal);
        }

        using var unknown = await client.GetAsync(new Uri("/problems/no-such-cause", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_causes_under_every_problem_response()
    {
        using var client = _factory.CreateAnonymousClient();
        var document = await (await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).ReadJsonAsync();

        var payment = document.GetProperty("paths").GetProperty("/api/orders/{id}/payment").GetProperty("post").GetProperty("responses");
        Assert.Contains("`/problems/order-not-pending`", payment.GetProperty("409").Str("description"), StringComparison.Ordinal);
        Assert.Contains("`/problems/insufficient-stock`", payment.GetProperty("409").Str("description"), StringComparison.Ordinal);
        Assert.Contains("`/problems/payment-amount-mismatch`", payment.GetProperty("422").Str("description"), StringComparison.Ordinal);
        Assert.Contains("`/problems/idempotency-key-reused`", payment.GetProperty("422").Str("description"), StringComparison.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses");
                Assert.True(responses.TryGetProperty("default", out _), $"{operation.Name} {path.Name} has no default response");
                Assert.True(responses.TryGetProperty("405", out _), $"{operation.Name} {path.Name} has no 405");
                foreach (var response in responses.EnumerateObject().Where(response => response.Name[0] is '4' or '5'))
                {
                    var description = response.Value.TryGetProperty("description", out var own)
                        ? own.GetString()!
                        : document.GetProperty("components").GetProperty("responses")
                            .GetProperty(response.Value.GetProperty("$ref").GetString()!.Split('/')[^1]).Str("description");
                    Assert.Contains("`/problems/", description, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void The_codes_are_unique_and_kebab_case()
    {
        Assert.Equal(ProblemTypes.All.Count, ProblemTypes.All.Select(type => type.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProblemTypes.All, type => Assert.Matches("^[a-z]+(-[a-z]+)*$", type.Code));
    }

    [Fact]
    public void Docs_api_md_lists_exactly_the_problem_types_with_their_status_and_title()
    {
        var documented = File.ReadLines(Path.Combine(Repository.Root, "docs", "api.md"))
            .Select(line => DocumentedType().Match(line))
            .Where(match => match.Success)
            .Select(match => $"{match.Groups[1].Value} {match.Groups[2].Value} {match.Groups[3].Value.Trim()}")
            .ToList();

        Assert.Equal(ProblemTypes.All.Select(type => $"{type.Code} {type.Status} {type.Title}"), documented);
    }

    /// <summary>Each error type of the domain and the use cases with a fixed code has an entry of the status its category says.</summary>
    [Fact]
    public void Every_fixed_code_of_an_error_type_is_listed_with_the_status_of_its_category()
    {
        var errorTypes = new[] { typeof(DomainException).Assembly, typeof(UseCaseException).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => !type.IsAbstract && (type.IsSubclassOf(typeof(DomainException)) || type.IsSubclassOf(typeof(UseCaseException))))
            .ToList();
        Assert.NotEmpty(errorTypes);

        var checkedTypes = 0;
        foreach (var errorType in errorTypes)
        {
            // The code and the category of these types are constants: no constructor needs to run to read them.
            var error = RuntimeHelpers.GetUninitializedObject(errorType);
            var code = (string?)errorType.GetProperty("Code", BindingFlags.Public | BindingFlags.Instance)!.GetValue(error);
            if (code is null)
            {
                continue;
            }

            var category = (ErrorCategory)errorType.GetProperty("Category", BindingFlags.Public | BindingFlags.Instance)!.GetValue(error)!;
            var listed = ProblemTypes.Of(code);
            Assert.True(listed.Status == StatusOf(category), $"{errorType.Name}: {code} is {listed.Status}, its category {category}");
            checkedTypes++;
        }

        Assert.True(checkedTypes >= 8, $"only {checkedTypes} error types have a fixed code");
    }

    [GeneratedRegex(@"^\| `([a-z-]+)` \| (\d{3}) \| ([^|]+) \|")]
    private static partial Regex DocumentedType();

    private static int StatusOf(ErrorCategory category) => category switch
    {
        ErrorCategory.Validation => 400,
        ErrorCategory.Unauthenticated => 401,
        ErrorCategory.Forbidden => 403,
        ErrorCategory.NotFound => 404,
        ErrorCategory.Conflict => 409,
        ErrorCategory.Unprocessable => 422,
        ErrorCategory.TooManyRequests => 429,
        ErrorCategory.Unavailable => 503,
        _ => 500,
    };

    private static Task<HttpResponseMessage> PayAsync(TestUser user, System.Text.Json.JsonElement order) =>
        user.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = order.Money("total") });

    private static async Task AssertTypeAsync(HttpResponseMessage response, HttpStatusCode status, string code, string title)
    {
        var problem = await response.AssertProblemAsync(status);
        Assert.Equal("/problems/" + code, problem.GetProperty("type").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }
}
