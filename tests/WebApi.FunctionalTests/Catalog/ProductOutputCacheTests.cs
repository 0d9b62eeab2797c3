using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Catalog;

/// <summary>
/// Anonymous product reads answered from the output cache: marked by an <c>Age</c> header, still counted by the rate
/// limit, never for a client that sends a token, and evicted once the product changes. The host caches responses for a
/// minute, so only an eviction can end one within a test.
/// </summary>
public sealed class ProductOutputCacheTests : IClassFixture<OutputCachingShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public ProductOutputCacheTests(OutputCachingShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_repeated_anonymous_read_is_answered_from_the_output_cache_still_counted_by_the_rate_limit()
    {
        var product = await _factory.CreateProductAsync(price: 2m, stock: 4);
        using var client = _factory.CreateAnonymousClient(clientIp: "10.9.0.1");

        using var first = await client.GetAsync(PathOf(product.Id()));
        using var second = await client.GetAsync(PathOf(product.Id()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"), "the second read was not answered from the output cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(Remaining(second) < Remaining(first), $"remaining {Remaining(first)} then {Remaining(second)}");
    }

    [Fact]
    public async Task A_client_that_sends_a_token_is_never_answered_from_the_output_cache()
    {
        var product = await _factory.CreateProductAsync();
        var customer = await _factory.CustomerAsync();
        using var anonymous = _factory.CreateAnonymousClient();
        using (await anonymous.GetAsync(PathOf(product.Id())))
        {
            // Caches the response.
        }

        using var first = await customer.Client.GetAsync(PathOf(product.Id()));
        using var second = await customer.Client.GetAsync(PathOf(product.Id()));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Age"));
        Assert.False(second.Headers.Contains("Age"));
    }

    [Fact]
    public async Task A_change_on_this_instance_evicts_the_cached_response_before_its_response()
    {
        var product = await _factory.CreateProductAsync(name: "Cached name", price: 3m, stock: 2);
        var admin = await _factory.AdminAsync();
        using var anonymous = _factory.CreateAnonymousClient();
        using (await anonymous.GetAsync(PathOf(product.Id())))
        {
            // Caches the response.
        }

        using (var restocked = await admin.Client.PostAsync(
            new Uri($"{PathOf(product.Id())}/stock", UriKind.Relative),
            new StringContent("""{"delta":3}""", new MediaTypeHeaderValue("application/json"))))
        {
            Assert.Equal(HttpStatusCode.OK, restocked.StatusCode);
        }

        using var read = await anonymous.GetAsync(PathOf(product.Id()));
        Assert.False(read.Headers.Contains("Age"));
        Assert.Equal(5, (await read.ReadJsonAsync()).Int("stock"));
    }

    [Fact]
    public async Task An_unknown_product_is_not_cached()
    {
        using var anonymous = _factory.CreateAnonymousClient();
        var unknown = Guid.NewGuid();

        using var first = await anonymous.GetAsync(PathOf(unknown));
        using var second = await anonymous.GetAsync(PathOf(unknown));

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.False(second.Headers.Contains("Age"));
    }

    [Theory]
    [InlineData("1 second")]
    [InlineData("00:01:01")]
    [InlineData("-00:00:01")]
    public async Task An_unusable_expiration_stops_the_host_naming_the_key(string value)
    {
        var (exitCode, output) = await UnusableSetting.StartWithAsync("Shop__OutputCache__ProductExpiration", value);

        Assert.True(exitCode == 2, output);
        Assert.StartsWith("Shop:OutputCache:ProductExpiration must be a duration from 00:00:00", output, StringComparison.Ordinal);
        Assert.Contains(value, output, StringComparison.Ordinal);
    }

    internal static Uri PathOf(Guid product) => new($"/api/products/{product}", UriKind.Relative);

    private static int Remaining(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>With an expiration of zero no response is cached.</summary>
public sealed class NoOutputCachingTests : IClassFixture<NoOutputCachingShopApiFactory>
{
    private readonly ShopApiFactory _factory;

    public NoOutputCachingTests(NoOutputCachingShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_repeated_anonymous_read_is_answered_anew()
    {
        var product = await _factory.CreateProductAsync();
        using var anonymous = _factory.CreateAnonymousClient();

        using var first = await anonymous.GetAsync(ProductOutputCacheTests.PathOf(product.Id()));
        using var second = await anonymous.GetAsync(ProductOutputCacheTests.PathOf(product.Id()));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Age"));
    }
}
