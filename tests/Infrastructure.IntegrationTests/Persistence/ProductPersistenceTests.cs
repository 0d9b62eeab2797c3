using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Domain.Catalog;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>The Product aggregate through ProductRepository, the unit of work and ProductQueries.</summary>
public sealed class ProductPersistenceTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public ProductPersistenceTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_product_without_description_round_trips()
    {
        var product = await AddAsync(Product.Create("  Plain widget  ", null, 12.50m, 7));

        await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<IProductRepository>().GetByIdAsync(product.Id, CancellationToken.None);
            Assert.NotNull(loaded);
            Assert.Equal("Plain widget", loaded.Name);
            Assert.Null(loaded.Description);
            Assert.Equal(12.50m, loaded.Price);
            Assert.Equal(7, loaded.Stock);
        });

        var row = Assert.Single(await _fixture.QueryAsync(
            "SELECT name, description IS NULL, price::text, stock FROM products WHERE id = $1",
            reader => (Name: reader.GetString(0), NoDescription: reader.GetBoolean(1), Price: reader.GetString(2), Stock: reader.GetInt32(3)),
            product.Id));
        Assert.Equal(("Plain widget", true, "12.50", 7), row);
    }

    [Fact]
    public async Task A_product_with_description_round_trips_and_its_updates_are_persisted()
    {
        var product = await AddAsync(Product.Create("Deluxe widget", "Shiny.\nTwo lines, ünïcödé.", 0.99m, 0));

        await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<IProductRepository>().GetByIdAsync(product.Id, CancellationToken.None);
            Assert.NotNull(loaded);
            Assert.Equal("Shiny.\nTwo lines, ünïcödé.", loaded.Description);
            Assert.Equal(0.99m, loaded.Price);
            loaded.Update("Deluxe widget II", null, 99_999_999.99m);
            loaded.UpdateStock(25);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<IProductRepository>().GetByIdAsync(product.Id, CancellationToken.None);
            Assert.NotNull(loaded);
            Assert.Equal("Deluxe widget II", loaded.Name);
            Assert.Null(loaded.Description);
            Assert.Equal(99_999_999.99m, loaded.Price);
            Assert.Equal(25, loaded.Stock);
        });
    }

    [Fact]
    public async Task A_product_that_was_never_ordered_can_be_removed()
    {
        var product = await AddAsync(Product.Create("Short-lived", null, 1m, 1));

        await _fixture.InScopeAsync(async services =>
        {
            var products = services.GetRequiredService<IProductRepository>();
            products.Remove((await products.GetByIdAsync(product.Id, CancellationToken.None))!);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        Assert.Equal(0L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task GetManyAsync_returns_the_existing_products_among_the_ids()
    {
        var first = await AddAsync(Product.Create("Many one", null, 1m, 1));
        var second = await AddAsync(Product.Create("Many two", null, 2m, 2));

        var found = await _fixture.InScopeAsync(services =>
            services.GetRequiredService<IProductRepository>().GetManyAsync([first.Id, second.Id, Guid.NewGuid()], CancellationToken.None));

        Assert.Equal(
            new[] { first.Id, second.Id }.Order(),
            found.Select(product => product.Id).Order());
    }

    [Fact]
    public async Task GetForUpdateAsync_returns_the_products_in_id_order_whatever_the_order_of_the_ids_and_rows()
    {
        // Inserted one by one from the highest id down, so the rows lie on disk in descending id order.
        var products = Enumerable.Range(0, 5).Select(i => Product.Create($"Locked {i}", null, 1m + i, 10 + i)).ToList();
        foreach (var product in products.OrderByDescending(product => product.Id.ToString(), StringComparer.Ordinal))
        {
            await AddAsync(product);
        }

        var requested = new[] { products[3].Id, products[0].Id, products[4].Id, products[1].Id, products[2].Id, Guid.NewGuid() };
        var locked = await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            // A sequential scan reads the rows in their (descending) disk order: only ORDER BY id can sort them.
            await services.GetRequiredService<ShopDbContext>().Database.ExecuteSqlRawAsync(
                "SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off");
            var result = await services.GetRequiredService<IProductRepository>().GetForUpdateAsync(requested, CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
            return result;
        });

        // PostgreSQL orders uuids by their bytes, which is the order of their lower-case text.
        Assert.Equal(
            products.Select(product => product.Id.ToString()).Order(StringComparer.Ordinal),
            locked.Select(product => product.Id.ToString()));
        Assert.All(locked, product => Assert.Equal(products.Single(p => p.Id == product.Id).Stock, product.Stock));
    }

    [Fact]
    public async Task ProductQueries_GetAsync_projects_the_product()
    {
        var inStock = await AddAsync(Product.Create("Query me", "Described", 12.50m, 3));
        var soldOut = await AddAsync(Product.Create("Sold out", null, 5m, 0));

        await _fixture.InScopeAsync(async services =>
        {
            var queries = services.GetRequiredService<IProductQueries>();
            var response = await queries.GetAsync(inStock.Id, CancellationToken.None);
            Assert.NotNull(response);
            Assert.Equal((inStock.Id, "Query me", "Described", 12.50m, 3, true), (response.Id, response.Name, response.Description, response.Price, response.Stock, response.IsAvailable));

            var none = await queries.GetAsync(soldOut.Id, CancellationToken.None);
            Assert.NotNull(none);
            Assert.Null(none.Description);
            Assert.False(none.IsAvailable);

            Assert.Null(await queries.GetAsync(Guid.NewGuid(), CancellationToken.None));
        });
    }

    [Fact]
    public async Task SearchAsync_matches_names_case_insensitively_and_orders_by_name_then_id()
    {
        var token = NewToken();
        var banana = await AddAsync(Product.Create($"{token} banana", null, 1m, 1));
        var apple = await AddAsync(Product.Create($"{token} apple", null, 1m, 1));
        var twinA = await AddAsync(Product.Create($"{token} cherry", null, 1m, 1));
        var twinB = await AddAsync(Product.Create($"{token} cherry", null, 2m, 1));
        await AddAsync(Product.Create($"other {NewToken()} apple", null, 1m, 1));

        var page = await SearchAsync($"  {token.ToUpperInvariant()}  ", 1, 100);

        var twins = new[] { twinA, twinB }.OrderBy(product => product.Id.ToString(), StringComparer.Ordinal).Select(product => product.Id);
        Assert.Equal([apple.Id, banana.Id, .. twins], page.Items.Select(item => item.Id));
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(1, page.Page);
        Assert.Equal(100, page.PageSize);

        // A match in the middle of the name, in another case.
        var middle = await SearchAsync($"{token} BAN", 1, 100);
        Assert.Equal([banana.Id], middle.Items.Select(item => item.Id));
    }

    [Fact]
    public async Task SearchAsync_pages_the_ordered_matches_and_counts_them_all()
    {
        var token = NewToken();
        var products = new List<Product>();
        for (var i = 0; i < 5; i++)
        {
            products.Add(await AddAsync(Product.Create($"{token} item {i}", null, 1m, 1)));
        }

        var first = await SearchAsync(token, 1, 2);
        var second = await SearchAsync(token, 2, 2);
        var third = await SearchAsync(token, 3, 2);
        var beyond = await SearchAsync(token, 4, 2);

        Assert.Equal([products[0].Id, products[1].Id], first.Items.Select(item => item.Id));
        Assert.Equal([products[2].Id, products[3].Id], second.Items.Select(item => item.Id));
        Assert.Equal([products[4].Id], third.Items.Select(item => item.Id));
        Assert.Empty(beyond.Items);
        Assert.All([first, second, third, beyond], page => Assert.Equal(5, page.TotalCount));
        Assert.Equal((2, 2), (second.Page, second.PageSize));
    }

    [Theory]
    [InlineData("100%", "100% cotton", "1000 cotton")]
    [InlineData("50%", "50% off", "50 percent off")]
    [InlineData("a_b", "a_b tool", "axb tool")]
    [InlineData("c\\d", "c\\d part", "cd part")]
    public async Task SearchAsync_treats_like_wildcards_in_the_search_as_literal_characters(string search, string matching, string notMatching)
    {
        var token = NewToken();
        var hit = await AddAsync(Product.Create($"{token} {matching}", null, 1m, 1));
        await AddAsync(Product.Create($"{token} {notMatching}", null, 1m, 1));

        var page = await SearchAsync($"{token} {search}", 1, 10);

        Assert.Equal([hit.Id], page.Items.Select(item => item.Id));
        Assert.Equal(1, page.TotalCount);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    public async Task SearchAsync_for_a_lone_wildcard_finds_only_names_that_contain_it(string wildcard)
    {
        var token = NewToken();
        var hit = await AddAsync(Product.Create($"{token} snake_case 50%", null, 1m, 1));
        await AddAsync(Product.Create($"{token} plain", null, 1m, 1));
        var containing = (int)await _fixture.ScalarAsync<long>("SELECT count(*) FROM products WHERE strpos(name, $1) > 0", wildcard);
        var all = (int)await _fixture.ScalarAsync<long>("SELECT count(*) FROM products");

        var page = await SearchAsync(wildcard, 1, 100);

        Assert.Contains(hit.Id, page.Items.Select(item => item.Id));
        Assert.All(page.Items, item => Assert.Contains(wildcard, item.Name, StringComparison.Ordinal));
        Assert.Equal(containing, page.TotalCount);
        Assert.True(page.TotalCount < all, "the lone wildcard matched every product");
    }

    [Fact]
    public async Task SearchAsync_without_a_search_returns_every_product()
    {
        await AddAsync(Product.Create($"{NewToken()} any", null, 1m, 1));
        var total = (int)await _fixture.ScalarAsync<long>("SELECT count(*) FROM products");

        foreach (var search in new[] { null, string.Empty, "   " })
        {
            var page = await SearchAsync(search, 1, 1);
            Assert.True(page.TotalCount >= total, $"'{search}' counted {page.TotalCount} of at least {total}");
            Assert.Single(page.Items);
        }
    }

    private static string NewToken() => "t" + Guid.NewGuid().ToString("N")[..10];

    private Task<Shop.Application.Pagination.PagedResponse<Shop.Application.Catalog.ProductResponse>> SearchAsync(string? search, int page, int pageSize) =>
        _fixture.InScopeAsync(services =>
            services.GetRequiredService<IProductQueries>().SearchAsync(new ProductSearch(search, page, pageSize), CancellationToken.None));

    private Task<Product> AddAsync(Product product) =>
        _fixture.InScopeAsync(async services =>
        {
            services.GetRequiredService<IProductRepository>().Add(product);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return product;
        });
}
