using System.Net;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>The OpenAPI document tells why login and registration may answer 429 besides the per-IP limit.</summary>
public sealed class ThrottleDocumentationTests : IClassFixture<ShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ThrottleDocumentationTests(ShopApiFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/api/sessions", "Shop:LoginThrottle:MaxFailures")]
    [InlineData("/api/users", "Shop:RegistrationThrottle:PermitsPerWindow")]
    public async Task The_429_of_the_throttled_operation_names_its_throttle_besides_the_per_IP_limit(string path, string setting)
    {
        var description = await TooManyRequestsDescriptionAsync(path, "post");

        Assert.Contains("per-IP limit", description, StringComparison.Ordinal);
        Assert.Contains(setting, description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_operations_name_only_the_per_IP_limit()
    {
        var description = await TooManyRequestsDescriptionAsync("/api/orders", "post");

        Assert.Equal("Too Many Requests: over the per-IP limit of requests per minute. Causes (`type`): `/problems/rate-limited` (Too many requests).", description);
    }

    private async Task<string> TooManyRequestsDescriptionAsync(string path, string method)
    {
        using var client = _factory.CreateAnonymousClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        return document.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("responses").GetProperty("429").GetProperty("description").GetString()!;
    }
}
