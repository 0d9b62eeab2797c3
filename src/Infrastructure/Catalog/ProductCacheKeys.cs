using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shop.Application.Caching;
using Shop.Domain.Catalog;
using Shop.Infrastructure.Caching;

namespace Shop.Infrastructure.Catalog;

/// <summary>A changed or deleted product's cached read (a new one has none yet).</summary>
internal sealed class ProductCacheKeys : IStaleCacheKeys
{
    public IEnumerable<string> Of(EntityEntry change) =>
        change is { Entity: Product product, State: EntityState.Modified or EntityState.Deleted } ? [CacheKeys.Product(product.Id)] : [];
}
