using Shop.Application.Catalog.SearchProducts;
using Shop.Application.Pagination;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog.Ports;

public interface IProductRepository
{
    Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Loads the products and locks their rows until the transaction ends, always in id order.</summary>
    Task<IReadOnlyList<Product>> GetForUpdateAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Reads the existing products among the ids in one query, untracked: for prices and availability, not for changes.</summary>
    Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Takes <paramref name="quantity"/> from the product's stock with one guarded update (never below zero) inside the
    /// command's transaction, which keeps the row locked until it ends. Callers take several products in id order,
    /// so two transactions sharing products cannot deadlock.
    /// </summary>
    Task<StockTake> TakeStockAsync(Guid productId, int quantity, CancellationToken cancellationToken);

    void Add(Product product);

    void Remove(Product product);
}

/// <summary>Whether a stock take happened, and the stock after it (or, when it was short, the stock there is; 0 for no product).</summary>
public sealed record StockTake(bool Taken, int Stock);

/// <summary>Read side of Catalog: no tracking, projected straight to responses.</summary>
public interface IProductQueries
{
    Task<ProductResponse?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The page of products matching the search in catalog order (name, then id): after <see cref="ProductSearch.After"/>
    /// when given, else at the page's offset. The count is exact up to a limit, then the planner's estimate, flagged.
    /// </summary>
    Task<PagedResponse<ProductResponse>> SearchAsync(ProductSearch search, CancellationToken cancellationToken);
}

/// <summary>What to search and which page: <paramref name="After"/> (a keyset position) is only given with page 1.</summary>
public sealed record ProductSearch(string? Text, int Page, int PageSize, ProductCursor? After = null);
