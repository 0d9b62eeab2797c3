using Shop.Application.Common;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog.Ports;

public interface IProductRepository
{
    Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Loads the products and locks their rows until the transaction ends, always in id order.</summary>
    Task<IReadOnlyList<Product>> GetForUpdateAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Reads the existing products among the ids in one query, untracked: for prices and availability, not for changes.</summary>
    Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    void Add(Product product);

    void Remove(Product product);
}

/// <summary>Read side of Catalog: no tracking, projected straight to responses.</summary>
public interface IProductQueries
{
    Task<ProductResponse?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<PagedResponse<ProductResponse>> SearchAsync(string? search, int page, int pageSize, CancellationToken cancellationToken);
}
