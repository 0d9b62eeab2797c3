using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Infrastructure.Common.Persistence;
using Shop.Infrastructure.Common.Persistence.Replication;

namespace Shop.Infrastructure.Catalog;

internal sealed class ProductQueries : IProductQueries
{
    private static readonly Expression<Func<Product, ProductResponse>> ToResponse = RuleExpressions.Compose(
        (Product product, bool isInStock) =>
            new ProductResponse(product.Id, product.Name, product.Description, product.Price, product.Stock, isInStock),
        Product.InStockRule);

    private readonly ShopDbContext _primary;
    private readonly ReadDatabase _read;

    public ProductQueries(ShopDbContext primary, ReadDatabase read)
    {
        _primary = primary;
        _read = read;
    }

    // From the primary: the result fills the shared cache for 15 minutes, and a lagging replica
    // would put back the value that the write's cache removal had just cleared.
    public Task<ProductResponse?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        _primary.Set<Product>().AsNoTracking()
            .Where(product => product.Id == id)
            .Select(ToResponse)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<PagedResponse<ProductResponse>> SearchAsync(
        string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var products = _read.Context.Set<Product>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{EscapeLike(search.Trim())}%";
            products = products.Where(product => EF.Functions.ILike(product.Name, pattern, "\\"));
        }

        var totalCount = await products.CountAsync(cancellationToken);
        var items = await products
            .OrderBy(product => product.Name).ThenBy(product => product.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(ToResponse)
            .ToListAsync(cancellationToken);
        return new PagedResponse<ProductResponse>(items, page, pageSize, totalCount);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
