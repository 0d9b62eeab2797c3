using Mediator;
using Shop.Application.Identity.Ports;

namespace Shop.ArchitectureTests.Offenders.Application.Identity;

public sealed record WhoAmIQuery(string Token) : IQuery<Guid?>;

/// <summary>
/// Offends "query handlers use no write port": it only reads a session, but the session store is not a read port
/// (it creates and deletes sessions too); a query reads through a …Queries service or ICache.
/// </summary>
internal sealed class WhoAmIHandler : IQueryHandler<WhoAmIQuery, Guid?>
{
    private readonly ISessionStore _sessions;

    public WhoAmIHandler(ISessionStore sessions) => _sessions = sessions;

    public async ValueTask<Guid?> Handle(WhoAmIQuery query, CancellationToken cancellationToken) =>
        (await _sessions.FindAsync(query.Token, cancellationToken))?.UserId;
}
