using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shop.Application.Common;
using Shop.Domain.Catalog;
using Shop.Domain.Identity;

namespace Shop.Infrastructure.Common.Persistence;

/// <summary>
/// Which cached query results a write makes stale, in one place: the rows of the entities whose reads are cached
/// (a product by id, a user's profile). The unit of work asks it about every tracked change it saves; a write that
/// bypasses the change tracker (the payment's stock statements) asks it about the rows it writes.
/// </summary>
internal static class StaleCacheEntries
{
    public static IEnumerable<string> Of(ChangeTracker changes) =>
        changes.Entries()
            .Where(entry => entry.State is EntityState.Modified or EntityState.Deleted)
            .Select(entry => KeyOf(entry.Entity))
            .OfType<string>();

    public static string OfProduct(Guid productId) => CacheKeys.Product(productId);

    private static string? KeyOf(object entity) => entity switch
    {
        Product product => OfProduct(product.Id),
        User user => CacheKeys.User(user.Id),
        _ => null,
    };
}
