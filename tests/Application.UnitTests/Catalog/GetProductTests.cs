using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.GetProduct;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Persistence;

using Shop.Application.UnitTests.Support;

namespace Shop.Application.UnitTests.Catalog;

public sealed class GetProductTests
{
    private static readonly Guid ProductId = Guid.Parse("5f2b9a40-3c1d-4e8f-9a6b-0c1d2e3f4a5b");
    private static readonly ProductResponse Widget = new(ProductId, "Widget", "A useful widget", 12.50m, 3, true);
    private readonly string _key = $"cache:product:{ProductId}";
    private readonly IProductQueries _products = Substitute.For<IProductQueries>();
    private readonly InMemoryCache _cache = new();
    private readonly GetProductHandler _handler;

    public GetProductTests() => _handler = new GetProductHandler(_products, _cache);

    [Fact]
    public async Task A_cache_hit_is_returned_without_asking_the_database()
    {
        var cached = Widget with { Stock = 99 };
        _cache.Put(_key, cached, TimeSpan.FromMinutes(1));

        var response = await _handler.Handle(new GetProductQuery(ProductId), CancellationToken.None);

        Assert.Same(cached, response);
        await _products.DidNotReceiveWithAnyArgs().GetAsync(default, default);
    }

    [Fact]
    public async Task A_cache_miss_reads_the_product_and_caches_it_for_15_minutes()
    {
        _products.GetAsync(ProductId, Arg.Any<CancellationToken>()).Returns(Widget);

        var response = await _handler.Handle(new GetProductQuery(ProductId), CancellationToken.None);

        Assert.Same(Widget, response);
        await _products.Received(1).GetAsync(ProductId, Arg.Any<CancellationToken>());
        Assert.Equal(((object)Widget, TimeSpan.FromMinutes(15)), _cache.Entries[_key]);
    }

    [Fact]
    public async Task An_unknown_product_is_not_found_and_nothing_is_cached()
    {
        _products.GetAsync(ProductId, Arg.Any<CancellationToken>()).Returns((ProductResponse?)null);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new GetProductQuery(ProductId), CancellationToken.None).AsTask());

        Assert.Equal($"Product '{ProductId}' was not found.", exception.Message);
        Assert.Empty(_cache.Entries);
    }
}
