using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A query row (computed in SQL) and the entity (computed in .NET, what the cache and the write responses show)
/// give the same <c>isAvailable</c> and <c>subtotal</c>, at the values where a restated rule would drift.
/// </summary>
public sealed class RuleAgreementTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public RuleAgreementTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public async Task A_product_row_is_available_exactly_when_the_entity_is_in_stock(int stock, bool available)
    {
        var name = $"Agreement {Guid.NewGuid():N}";
        var product = await _fixture.InScopeAsync(async services =>
        {
            var created = Product.Create(name, null, 1.00m, stock);
            services.GetRequiredService<IProductRepository>().Add(created);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return created;
        });

        var (entity, byId, bySearch) = await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<ShopDbContext>().Set<Product>().AsNoTracking()
                .SingleAsync(candidate => candidate.Id == product.Id);
            var queries = services.GetRequiredService<IProductQueries>();
            var row = await queries.GetAsync(product.Id, CancellationToken.None);
            var page = await queries.SearchAsync(new ProductSearch(name, 1, 10), CancellationToken.None);
            return (loaded, row, Assert.Single(page.Items));
        });

        Assert.Equal(available, entity.IsInStock());
        Assert.NotNull(byId);
        Assert.Equal(entity.IsInStock(), byId.IsAvailable);
        Assert.Equal(entity.IsInStock(), bySearch.IsAvailable);
    }

    [Fact]
    public async Task Every_line_row_has_the_subtotal_of_the_line_entity()
    {
        // Cents times quantities whose products end in a carried digit, a third of a euro, and the largest line.
        (decimal Price, int Quantity)[] lines = [(0.01m, 1), (33.33m, 3), (0.10m, 7), (19.99m, 999), (9_999.99m, 1_000)];
        var user = await Seed.UserAsync(_fixture);
        var order = Order.Place(user.Id, new FixedClock(Seed.DefaultNow));
        foreach (var (price, quantity) in lines)
        {
            var product = await Seed.ProductAsync(_fixture, price);
            order.AddItem(product.Id, product.Price, quantity);
        }

        await Seed.OrderAsync(_fixture, order);

        var (entity, row) = await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<ShopDbContext>().Set<Order>().AsNoTracking().Include(o => o.Items)
                .SingleAsync(candidate => candidate.Id == order.Id);
            return (loaded, await services.GetRequiredService<IOrderQueries>().GetAsync(order.Id, user.Id, CancellationToken.None));
        });

        Assert.NotNull(row);
        Assert.Equal(lines.Length, row.Items.Count);
        Assert.All(row.Items, line =>
        {
            var entityLine = Assert.Single(entity.Items, item => item.Id == line.Id);
            Assert.Equal(entityLine.GetSubtotal(), line.Subtotal);
        });
        Assert.Equal(
            [0.01m, 99.99m, 0.70m, 19_970.01m, 9_999_990.00m],
            lines.Select(line => row.Items.Single(item => item.UnitPrice == line.Price).Subtotal));
        Assert.Equal(entity.CalculateTotal(), row.Total);
    }
}
