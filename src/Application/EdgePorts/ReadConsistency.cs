namespace Shop.Application.EdgePorts;

/// <summary>
/// Read-your-writes for one request, in positions of the primary's write-ahead log: what the client's reads must
/// include (its last write, from its session) and what this request's command wrote (recorded after the commit).
/// Query adapters read from a replica only when it has replayed <see cref="MustSee"/>; the edge keeps
/// <see cref="Wrote"/> with the client's session. Positions are null where no replica is configured.
/// </summary>
public sealed class ReadConsistency
{
    /// <summary>The position the client's last write reached, or null when it wrote nothing known.</summary>
    public ulong? MustSee { get; private set; }

    /// <summary>The position this request's command reached after its commit, or null when it wrote nothing here.</summary>
    public ulong? Wrote { get; private set; }

    /// <summary>
    /// Whether the request comes with a session: such a client must read its own writes at once, which a result
    /// kept in an instance's memory cannot promise (its eviction may still be on its way), so it reads through.
    /// </summary>
    public bool IsKnownClient { get; private set; }

    public void KnowClient() => IsKnownClient = true;

    public void RequireSeen(ulong? position)
    {
        if (position > (MustSee ?? 0))
        {
            MustSee = position;
        }
    }

    public void RecordWrite(ulong? position)
    {
        if (position > (Wrote ?? 0))
        {
            Wrote = position;
        }

        RequireSeen(position);
    }
}

/// <summary>Where the primary's write-ahead log stands now (after a commit), or null when no replica is read from.</summary>
public interface IWritePositions
{
    Task<ulong?> CurrentAsync(CancellationToken cancellationToken);
}
