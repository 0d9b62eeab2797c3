using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Ports;

namespace Shop.Infrastructure.Common.Persistence.Replication;

/// <summary>
/// The database a query reads from: the replica when it has replayed everything the client must see (its own last
/// write), else the primary. Decided from the sampled replica position, with no round trip.
/// </summary>
/// <remarks>
/// The contexts are rented from their pools on first use, not when a query object is built: a read that the cache
/// answers rents none.
/// </remarks>
internal sealed class ReadDatabase
{
    private readonly IServiceProvider _scope;
    private readonly ReplicaPosition _position;
    private readonly ReadConsistency _consistency;

    public ReadDatabase(IServiceProvider scope, ReplicaPosition position, ReadConsistency consistency)
    {
        _scope = scope;
        _position = position;
        _consistency = consistency;
    }

    /// <summary>The primary, for reads that must never lag (what fills the shared cache).</summary>
    public ShopDbContext Primary => _scope.GetRequiredService<ShopDbContext>();

    public ShopDbContext Context => Choose().Context;

    /// <summary>
    /// The context a query reads from and whether it is the primary's (no replica is configured, or the replica cannot
    /// serve this client now), decided once: the sampled replica position may move between two separate questions.
    /// </summary>
    public (ShopDbContext Context, bool IsPrimary) Choose()
    {
        var replica = _position.CanServe(_consistency.MustSee);
        return (replica ? _scope.GetRequiredService<ShopReadDbContext>() : Primary, !_position.Enabled || !replica);
    }
}
