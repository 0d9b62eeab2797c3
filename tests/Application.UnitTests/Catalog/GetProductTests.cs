using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.GetProduct;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;

namespace Shop.Application.UnitTests.Catalog;

/// <summary>What the handler asks of its ports: the cache under the product's key and lifetime, the queries on a miss.</summary>
public sealed class GetProductTests
{
    private static readonly Guid ProductId = Guid.Parse("5f2b9a40-3c1d-4e8f-9a6b-0c1d2e3f4a5b");
    private static readonly ProductResponse Widget = new(ProductId, "Widget", "A useful widget", 12.50m, 3, true);
    private readonly string _key = $"cache:product:{ProductId}";
    private readonly IProductQueries _products = Substitute.For<IProductQueries>();
    private readonly ICache _cache = Substitute.For<ICache>();
    private readonly GetProductHandler _handler;

    public GetProductTests() => _handler = new GetProductHandler(_products, _cache);

    [Fact]
    public async Task Asks_the_cache_for_the_products_key_for_15_minutes_and_answers_what_it_holds_without_asking_the_database()
    {
        using var request = new CancellationTokenSource();
        var cached = Widget with { Stock = 99 };
        _cache.GetOrLoadAsync(_key, TimeSpan.FromMinutes(15), Arg.Any<Func<CancellationToken, Task<ProductResponse?>>>(), request.Token)
            .Returns(cached);

        var response = await _handler.Handle(new GetProductQuery(ProductId), request.Token);

        Assert.Same(cached, response);
        await _cache.ReceivedWithAnyArgs(1).GetOrLoadAsync<ProductResponse>(default!, default, default!, default);
        await _products.DidNotReceiveWithAnyArgs().GetAsync(default, default);
    }

    [Fact]
    public async Task On_a_miss_the_cache_loads_the_product_from_the_queries_with_the_token_it_passes()
    {
        using var load = new CancellationTokenSource();
        _products.GetAsync(ProductId, load.Token).Returns(Widget);
        MissesAndLoadsWith(load.Token);

        var response = await _handler.Handle(new GetProductQuery(ProductId), CancellationToken.None);

        Assert.Same(Widget, response);
        await _products.Received(1).GetAsync(ProductId, load.Token);
    }

    [Fact]
    public async Task An_unknown_product_loads_as_nothing_and_is_not_found()
    {
        _products.GetAsync(ProductId, Arg.Any<CancellationToken>()).Returns((ProductResponse?)null);
        MissesAndLoadsWith(CancellationToken.None);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new GetProductQuery(ProductId), CancellationToken.None).AsTask());

        Assert.Equal($"Product '{ProductId}' was not found.", exception.Message);
        await _products.Received(1).GetAsync(ProductId, Arg.Any<CancellationToken>());
    }

    /// <summary>A cache that holds nothing for the product's key: it answers what the handler's loader returns.</summary>
    private void MissesAndLoadsWith(CancellationToken token) =>
        _cache.GetOrLoadAsync(_key, TimeSpan.FromMinutes(15), Arg.Any<Func<CancellationToken, Task<ProductResponse?>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<Func<CancellationToken, Task<ProductResponse?>>>()(token));
}
