using Microsoft.Extensions.DependencyInjection;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>
/// Reads that fill a shared cache (a product by id, a user's profile): always from the primary, since a lagging replica
/// would put back a value that a write's cache removal had just cleared. The context is rented on first use, so a read
/// the cache answers rents none.
/// </summary>
internal sealed class PrimaryReads
{
    private readonly IServiceProvider _scope;

    public PrimaryReads(IServiceProvider scope) => _scope = scope;

    public ShopDbContext Context => _scope.GetRequiredService<ShopDbContext>();
}
