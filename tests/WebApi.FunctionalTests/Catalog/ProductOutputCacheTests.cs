using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Catalog;
using Shop.Application.Catalog.GetProduct;
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
        await UnusableSetting.AssertStopsTheHostAsync("Shop__OutputCache__ProductExpiration", value, "Shop:OutputCache:ProductExpiration must be a duration from 00:00:00");
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

/// <summary>
/// A read racing a change: it loads the product, the change commits and evicts the product's tag, and only then would the
/// read's response be stored. Built from data older than an eviction that already ran, it must not be stored. The read
/// is held deterministically between its handler and the output cache (a pipeline behavior of the test's own) while the
/// change runs.
/// </summary>
public sealed class ProductOutputCacheRaceTests : IClassFixture<ProductOutputCacheRaceTests.HeldReadsShopApiFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly HeldReadsShopApiFactory _factory;

    public ProductOutputCacheRaceTests(HeldReadsShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_response_loaded_before_an_eviction_that_already_ran_is_not_stored()
    {
        var product = await _factory.CreateProductAsync(price: 3m, stock: 2);
        var admin = await _factory.AdminAsync();
        using var anonymous = _factory.CreateAnonymousClient();
        var held = _factory.Services.GetRequiredService<HeldReads>().Hold(product.Id());

        var racing = anonymous.GetAsync(ProductOutputCacheTests.PathOf(product.Id()));
        await held.Loaded.WaitAsync(Deadline);
        using (var repriced = await admin.Client.PutAsJsonAsync($"/api/products/{product.Id()}", new { name = product.Str("name"), price = 4m }))
        {
            Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        }

        held.Release();
        using (var raced = await racing.WaitAsync(Deadline))
        {
            Assert.Equal(3m, (await raced.ReadJsonAsync()).Money("price"));
        }

        using var next = await anonymous.GetAsync(ProductOutputCacheTests.PathOf(product.Id()));
        Assert.False(next.Headers.Contains("Age"), "the response built before the change was stored after its eviction");
        Assert.Equal(4m, (await next.ReadJsonAsync()).Money("price"));
    }

    /// <summary>A host that caches product responses for a minute and can hold a product's read after its handler.</summary>
    public sealed class HeldReadsShopApiFactory : OutputCachingShopApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<HeldReads>();
                services.AddScoped<IPipelineBehavior<GetProductQuery, ProductResponse>, HoldAfterHandler>();
            });
        }
    }

    /// <summary>The reads to hold, by product: each is held once.</summary>
    public sealed class HeldReads
    {
        private readonly ConcurrentDictionary<Guid, HeldRead> _held = new();

        public HeldRead Hold(Guid productId) => _held[productId] = new HeldRead();

        public Task AfterHandlerAsync(Guid productId) => _held.TryRemove(productId, out var read) ? read.HoldAsync() : Task.CompletedTask;
    }

    public sealed class HeldRead
    {
        private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the read's handler has returned the product.</summary>
        public Task Loaded => _loaded.Task;

        public void Release() => _released.TrySetResult();

        internal Task HoldAsync()
        {
            _loaded.TrySetResult();
            return _released.Task.WaitAsync(Deadline);
        }
    }

    // Innermost of the pipeline (registered after the host's behaviors): the handler has loaded the product when it returns.
    private sealed class HoldAfterHandler : IPipelineBehavior<GetProductQuery, ProductResponse>
    {
        private readonly HeldReads _reads;

        public HoldAfterHandler(HeldReads reads) => _reads = reads;

        public async ValueTask<ProductResponse> Handle(
            GetProductQuery message, MessageHandlerDelegate<GetProductQuery, ProductResponse> next, CancellationToken cancellationToken)
        {
            var product = await next(message, cancellationToken);
            await _reads.AfterHandlerAsync(message.ProductId);
            return product;
        }
    }
}
