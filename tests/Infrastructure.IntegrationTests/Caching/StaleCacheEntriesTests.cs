using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Identity.Ports;
using Shop.Application.Pagination;
using Shop.Application.Persistence;
using Shop.Application.Validation;
using Shop.Domain.Catalog;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Caching;

/// <summary>The unit of work derives the stale cache keys from what it saves; no handler names them.</summary>
public sealed class StaleCacheEntriesTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public StaleCacheEntriesTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Saving_a_changed_product_marks_its_cache_key_and_adding_one_marks_nothing()
    {
        var existing = await Seed.ProductAsync(_fixture, 4m, 10);

        var keys = await _fixture.InScopeAsync(async services =>
        {
            var products = services.GetRequiredService<IProductRepository>();
            var product = await products.GetByIdAsync(existing.Id, CancellationToken.None);
            product!.Update("Renamed widget", null, 5m);
            products.Add(Product.Create("Brand new", null, 1m, 1));
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return services.GetRequiredService<CacheInvalidation>().Keys.ToList();
        });

        Assert.Equal([$"cache:product:{existing.Id}"], keys);
    }

    [Fact]
    public async Task Saving_a_deleted_product_and_a_renamed_user_marks_both_keys()
    {
        var product = await Seed.ProductAsync(_fixture, 4m, 10);
        var user = await Seed.UserAsync(_fixture);

        var keys = await _fixture.InScopeAsync(async services =>
        {
            var products = services.GetRequiredService<IProductRepository>();
            products.Remove((await products.GetByIdAsync(product.Id, CancellationToken.None))!);
            var renamed = await services.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None);
            renamed!.Rename("New Name", TimeProvider.System);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return services.GetRequiredService<CacheInvalidation>().Keys.Order(StringComparer.Ordinal).ToList();
        });

        Assert.Equal(
            new[] { $"cache:product:{product.Id}", $"cache:user:{user.Id}" }.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Saving_nothing_marks_nothing()
    {
        var product = await Seed.ProductAsync(_fixture, 4m, 10);

        var keys = await _fixture.InScopeAsync(async services =>
        {
            await services.GetRequiredService<IProductRepository>().GetByIdAsync(product.Id, CancellationToken.None);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return services.GetRequiredService<CacheInvalidation>().Keys.ToList();
        });

        Assert.Empty(keys);
    }
}
