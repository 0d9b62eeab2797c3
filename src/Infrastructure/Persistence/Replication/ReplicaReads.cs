using Microsoft.Extensions.DependencyInjection;
using Shop.Application.EdgePorts;

namespace Shop.Infrastructure.Persistence.Replication;

/// <summary>
/// A client's own reads (lists, searches, its orders): from the replica when it has replayed everything the client must
/// see (its last write), else from the primary. Decided from the sampled replica position, with no round trip.
/// </summary>
internal sealed class ReplicaReads
{
    private readonly IServiceProvider _scope;
    private readonly ReplicaPosition _position;
    private readonly ReadYourWrites _readYourWrites;

    public ReplicaReads(IServiceProvider scope, ReplicaPosition position, ReadYourWrites readYourWrites)
    {
        _scope = scope;
        _position = position;
        _readYourWrites = readYourWrites;
    }

    public ShopDbContext Context => _position.CanServe(_readYourWrites.MustSee)
        ? _scope.GetRequiredService<ShopReadDbContext>()
        : _scope.GetRequiredService<ShopDbContext>();
}
