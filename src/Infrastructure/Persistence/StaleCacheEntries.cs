using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shop.Application.Caching;
using Shop.Domain.Catalog;
using Shop.Domain.Identity;

namespace Shop.Infrastructure.Persistence;

/// <summary>
/// Which cached query results a write makes stale, in one place: the rows of the entities whose reads are cached
/// (a product by id, a user's profile) and, for any product added, changed or deleted, every product search page.
/// The unit of work asks it about every tracked change it saves; a write that bypasses the change tracker (the
/// payment's stock statements) asks it about the rows it writes.
/// </summary>
internal static class StaleCacheEntries
{
    public static IEnumerable<string> Of(ChangeTracker changes) =>
        changes.Entries()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(entry => KeysOf(entry.Entity, entry.State));

    public static IEnumerable<string> OfProduct(Guid productId) => [CacheKeys.Product(productId), CacheKeys.ProductSearchPages];

    private static IEnumerable<string> KeysOf(object entity, EntityState state) => entity switch
    {
        // Nothing has read a new product by id yet, but searches may list it.
        Product when state == EntityState.Added => [CacheKeys.ProductSearchPages],
        Product product => OfProduct(product.Id),
        User user when state != EntityState.Added => [CacheKeys.User(user.Id)],
        _ => [],
    };
}
