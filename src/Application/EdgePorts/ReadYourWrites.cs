namespace Shop.Application.EdgePorts;

/// <summary>
/// Read-your-writes for one request, in positions of the primary's write-ahead log: what the client's reads must
/// include (its last write, known from its session) and what this request wrote (recorded after the commit). Reads
/// use a replica only when it has replayed <see cref="MustSee"/>. Positions stay null where no replica is configured.
/// </summary>
public sealed class ReadYourWrites
{
    /// <summary>The position the client's reads must include, or null when nothing in particular.</summary>
    public ulong? MustSee { get; private set; }

    /// <summary>The position this request's commit reached, or null when it wrote nothing.</summary>
    public ulong? Wrote { get; private set; }

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

/// <summary>Where the primary's log stood after each session's last write, shared by every instance.</summary>
public interface ISessionWritePositions
{
    /// <summary>Whether reads may use a replica at all; without one there is nothing to track.</summary>
    bool ReplicaConfigured { get; }

    Task<ulong?> LastWriteAsync(string token, CancellationToken cancellationToken);

    /// <summary>Keeps that the session wrote up to <paramref name="position"/> (never moving it back).</summary>
    Task RecordAsync(string token, ulong position, CancellationToken cancellationToken);
}
