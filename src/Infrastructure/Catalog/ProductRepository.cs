using Microsoft.EntityFrameworkCore;
using Shop.Application.Catalog.Ports;
using Shop.Domain.Catalog;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Catalog;

internal sealed class ProductRepository : IProductRepository
{
    private static readonly Func<ShopDbContext, Guid[], IAsyncEnumerable<Product>> ProductsByIds =
        EF.CompileAsyncQuery((ShopDbContext context, Guid[] ids) =>
            context.Set<Product>().AsNoTracking().Where(product => ids.Contains(product.Id)));

    private readonly ShopDbContext _context;

    public ProductRepository(ShopDbContext context) => _context = context;

    public Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        _context.Set<Product>().FirstOrDefaultAsync(product => product.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Product>> GetForUpdateAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var idArray = ids.ToArray();
        // Every transaction locks product rows in the same (id) order, so two payments cannot deadlock.
        return await _context.Set<Product>()
            .FromSql($"SELECT * FROM products WHERE id = ANY({idArray}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var products = new List<Product>(ids.Count);
        await foreach (var product in ProductsByIds(_context, [.. ids]).WithCancellation(cancellationToken))
        {
            products.Add(product);
        }

        return products;
    }

    public void Add(Product product) => _context.Set<Product>().Add(product);

    public void Remove(Product product) => _context.Set<Product>().Remove(product);
}
