using Microsoft.Extensions.DependencyInjection;
using Shop.Application.EdgePorts;

namespace Shop.Infrastructure.Persistence.Replication;

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
    /// The context a query reads from, decided once (the sampled replica position may move between two questions), and
    /// whether its result may be kept in memory for other clients: only when read from the primary (no replica is
    /// configured, or it cannot serve this client now; a result from a lagging replica could outlive the lag) for a
    /// client without a session (one with a session must read its own writes at once, and another instance's
    /// eviction may still be on its way).
    /// </summary>
    public (ShopDbContext Context, bool MayKeepForOthers) Choose()
    {
        var replica = _position.CanServe(_consistency.MustSee);
        var isPrimary = !_position.Enabled || !replica;
        return (replica ? _scope.GetRequiredService<ShopReadDbContext>() : Primary, isPrimary && !_consistency.IsKnownClient);
    }
}
