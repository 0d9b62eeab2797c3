using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.Persistence;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>The payment's guarded stock update, on a real PostgreSQL: never below zero, inside the command's transaction.</summary>
public sealed class StockTakeTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public StockTakeTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_take_within_the_stock_answers_what_is_left_and_names_the_products_cache_key_stale()
    {
        var product = await Seed.ProductAsync(_fixture, 2m, stock: 5);

        var (take, stale) = await InTransactionAsync(async services =>
            (await services.GetRequiredService<IProductRepository>().TakeStockAsync(product.Id, 3, CancellationToken.None),
                services.GetRequiredService<CacheInvalidation>().Keys.ToList()));

        Assert.Equal(new StockTake(true, 2), take);
        Assert.Equal([CacheKeys.Product(product.Id)], stale);
        Assert.Equal(2, await _fixture.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task A_take_beyond_the_stock_changes_nothing_and_answers_the_stock_there_is()
    {
        var product = await Seed.ProductAsync(_fixture, 2m, stock: 2);

        var (take, stale) = await InTransactionAsync(async services =>
            (await services.GetRequiredService<IProductRepository>().TakeStockAsync(product.Id, 3, CancellationToken.None),
                services.GetRequiredService<CacheInvalidation>().Keys.ToList()));

        Assert.Equal(new StockTake(false, 2), take);
        Assert.Empty(stale);
        Assert.Equal(2, await _fixture.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task A_take_of_a_product_that_is_gone_is_short_with_no_stock()
    {
        var take = await InTransactionAsync(services =>
            services.GetRequiredService<IProductRepository>().TakeStockAsync(Guid.NewGuid(), 1, CancellationToken.None));

        Assert.Equal(new StockTake(false, 0), take);
    }

    [Fact]
    public async Task Concurrent_takes_never_take_more_than_the_stock()
    {
        var product = await Seed.ProductAsync(_fixture, 2m, stock: 10);

        var takes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => InTransactionAsync(services =>
            services.GetRequiredService<IProductRepository>().TakeStockAsync(product.Id, 1, CancellationToken.None))));

        Assert.Equal(10, takes.Count(take => take.Taken));
        Assert.Equal(0, await _fixture.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task A_take_outside_the_commands_transaction_is_refused_rather_than_committed_alone()
    {
        var product = await Seed.ProductAsync(_fixture, 2m, stock: 5);

        var refused = await _fixture.InScopeAsync(services => Assert.ThrowsAsync<InvalidOperationException>(() =>
            services.GetRequiredService<IProductRepository>().TakeStockAsync(product.Id, 1, CancellationToken.None)));

        Assert.Contains("transaction", refused.Message, StringComparison.Ordinal);
        Assert.Equal(5, await _fixture.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", product.Id));
    }

    private Task<T> InTransactionAsync<T>(Func<IServiceProvider, Task<T>> action) =>
        _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var result = await action(services);
            await unitOfWork.CommitAsync(CancellationToken.None);
            return result;
        });
}
