using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Application.Caching;
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
    private readonly CacheInvalidation _invalidation;
    private readonly UnitOfWork _unitOfWork;

    public ProductRepository(ShopDbContext context, CacheInvalidation invalidation, UnitOfWork unitOfWork)
    {
        _context = context;
        _invalidation = invalidation;
        _unitOfWork = unitOfWork;
    }

    public Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        _context.Set<Product>().FirstOrDefaultAsync(product => product.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Product>> GetForUpdateAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var idArray = ids.ToArray();
        // Every transaction locks product rows in the same (id) order, so two of them cannot deadlock.
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

    public async Task<StockTake> TakeStockAsync(Guid productId, int quantity, CancellationToken cancellationToken)
    {
        // PostgreSQL re-checks the guard on the row's latest version after waiting for a concurrent writer.
        await using var take = _context.CreateCommand(
            "UPDATE products SET stock = stock - $2 WHERE id = $1 AND stock >= $2 RETURNING stock",
            new NpgsqlParameter<Guid> { TypedValue = productId },
            new NpgsqlParameter<int> { TypedValue = quantity });
        if (await take.ExecuteScalarAsync(cancellationToken) is int left)
        {
            // The row changed without the change tracker: its cached reads are stale once this commits, and the
            // event Product.UpdateStock would have raised is recorded here.
            _invalidation.Invalidate(CacheKeys.Product(productId));
            _unitOfWork.Record(new ProductStockChanged(productId, -quantity));
            return new StockTake(true, left);
        }

        await using var read = _context.CreateCommand("SELECT stock FROM products WHERE id = $1", new NpgsqlParameter<Guid> { TypedValue = productId });
        return new StockTake(false, await read.ExecuteScalarAsync(cancellationToken) as int? ?? 0);
    }

    public void Add(Product product) => _context.Set<Product>().Add(product);

    public void Remove(Product product) => _context.Set<Product>().Remove(product);
}
