using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.Catalog.SearchProducts;
using Shop.Application.Pagination;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.Catalog;

internal sealed class ProductQueries : IProductQueries
{
    private static readonly Expression<Func<Product, ProductResponse>> ToResponse = RuleExpressions.Compose(
        (Product product, bool isInStock) =>
            new ProductResponse(product.Id, product.Name, product.Description, product.Price, product.Stock, isInStock),
        Product.InStockRule);

    private readonly PrimaryReads _primary;
    private readonly ReplicaReads _replica;
    private readonly int _exactCountLimit;
    private readonly TimeSpan _queryTimeout;

    public ProductQueries(PrimaryReads primary, ReplicaReads replica, IOptions<CatalogOptions> catalog)
    {
        _primary = primary;
        _replica = replica;
        _exactCountLimit = catalog.Value.ExactCountLimit;
        _queryTimeout = catalog.Value.QueryTimeout;
    }

    public Task<ProductResponse?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        WithTimeout(_primary.Context).Set<Product>().AsNoTracking()
            .Where(product => product.Id == id)
            .Select(ToResponse)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<PagedResponse<ProductResponse>> SearchAsync(ProductSearch search, CancellationToken cancellationToken)
    {
        var database = WithTimeout(_replica.Context);
        var products = Matching(database.Set<Product>().AsNoTracking(), search.Text);
        var (totalCount, isEstimate) = await BoundedCount.CountAsync(database, products, _exactCountLimit, cancellationToken);

        if (search.After is { } after)
        {
            // The row value (name, id) > (after) is the catalog order itself, so idx_products_name_id seeks to it.
            products = products.Where(product =>
                EF.Functions.GreaterThan(ValueTuple.Create(product.Name, product.Id), ValueTuple.Create(after.Name, after.Id)));
        }

        // One row more than the page tells whether a next page exists.
        var take = search.PageSize + 1;
        var ordered = InCatalogOrder(products);
        // A numbered page skips up to 10,000 rows: the skipping reads only idx_products_name_id (an index-only scan of
        // name and id, once vacuum has marked the pages visible), and just the page's own rows come from the table.
        var page = search.Page == 1
            ? ordered.Take(take)
            : InCatalogOrder(database.Set<Product>().AsNoTracking()
                .Where(product => ordered.Skip((search.Page - 1) * search.PageSize).Take(take).Select(row => row.Id).Contains(product.Id)));
        var rows = await page.Select(ToResponse).ToListAsync(cancellationToken);
        var items = rows.Count > search.PageSize ? rows[..search.PageSize] : rows;
        var nextCursor = rows.Count > search.PageSize ? new ProductCursor(items[^1].Name, items[^1].Id).Encode() : null;
        return new PagedResponse<ProductResponse>(items, search.Page, search.PageSize, totalCount, isEstimate, nextCursor);
    }

    // A request's context serves this one query use case, so its command timeout is the catalog's.
    private ShopDbContext WithTimeout(ShopDbContext context)
    {
        context.Database.SetCommandTimeout(_queryTimeout);
        return context;
    }

    private static IOrderedQueryable<Product> InCatalogOrder(IQueryable<Product> products) =>
        products.OrderBy(product => product.Name).ThenBy(product => product.Id);

    /// <summary>Case-insensitive substring match on the name; idx_products_name_trgm serves it for terms of 3+ characters.</summary>
    internal static IQueryable<Product> Matching(IQueryable<Product> products, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return products;
        }

        var pattern = $"%{EscapeLike(search.Trim())}%";
        return products.Where(product => EF.Functions.ILike(product.Name, pattern, "\\"));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
