using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Pagination;
using Shop.Application.Persistence;
using Shop.Application.Validation;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Caching;

/// <summary>
/// Which searches the page cache answers: a client without a session gets the kept page, a client with one reads
/// through. The database is changed behind the shop's back here, so that no eviction hides the difference.
/// </summary>
[Collection(SearchGenerationGroup.Name)]
public sealed class SearchPageReadsTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public SearchPageReadsTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_client_without_a_session_is_served_the_kept_page_and_a_client_with_one_reads_the_database()
    {
        var product = await Seed.ProductAsync(_fixture, 2m);
        var search = new ProductSearch(product.Name, 1, 20);
        Assert.Equal(product.Name, Assert.Single((await SearchAsync(search, knownClient: false)).Items).Name);

        await _fixture.ExecuteAsync("UPDATE products SET price = 3 WHERE id = $1", product.Id);

        Assert.Equal(2m, Assert.Single((await SearchAsync(search, knownClient: false)).Items).Price);
        Assert.Equal(3m, Assert.Single((await SearchAsync(search, knownClient: true)).Items).Price);
    }

    private Task<PagedResponse<ProductResponse>> SearchAsync(ProductSearch search, bool knownClient) =>
        _fixture.InScopeAsync(services =>
        {
            if (knownClient)
            {
                services.GetRequiredService<ReadConsistency>().KnowClient();
            }

            return services.GetRequiredService<IProductQueries>().SearchAsync(search, CancellationToken.None);
        });
}
