using Shop.Application.Common.Ports;

namespace Shop.Infrastructure.Common.Persistence.Replication;

/// <summary>
/// The database a query reads from: the replica when it has replayed everything the client must see (its own last
/// write), else the primary. Decided from the sampled replica position, with no round trip.
/// </summary>
internal sealed class ReadDatabase
{
    private readonly ShopDbContext _primary;
    private readonly ShopReadDbContext _replica;
    private readonly ReplicaPosition _position;
    private readonly ReadConsistency _consistency;

    public ReadDatabase(ShopDbContext primary, ShopReadDbContext replica, ReplicaPosition position, ReadConsistency consistency)
    {
        _primary = primary;
        _replica = replica;
        _position = position;
        _consistency = consistency;
    }

    public ShopDbContext Context => _position.CanServe(_consistency.MustSee) ? _replica : _primary;
}
