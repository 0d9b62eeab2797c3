using Shop.Application.EdgePorts;

namespace Shop.Infrastructure.RateLimiting;

/// <summary>
/// The permits of one client's current window that this instance took from the shared <c>rate:{ip}</c> counter
/// and spends without asking Redis again, for at most <see cref="Lifetime"/>. A lease spent within its lifetime
/// makes the next one twice as large, up to <see cref="MaxSize"/>; one left unspent makes it half as large. So an
/// occasional client is counted exactly and a busy one costs one Redis call per <see cref="MaxSize"/> requests.
/// </summary>
/// <remarks>
/// Every permit is handed out once across all instances (each lease is a disjoint range of the counter), so the
/// limit is never exceeded. The price: permits leased but unspent when their lease ends are lost, so a client may
/// be refused up to MaxSize − 1 requests early per lease that ended unspent; and what an instance reports as
/// remaining leaves out what other instances spent since its lease began, at most <see cref="Lifetime"/> ago.
/// Not thread-safe: callers hold <see cref="Sync"/> around each call, and <see cref="Gate"/> across a renewal.
/// </remarks>
internal sealed class PermitLease
{
    private long _counter;
    private int _left;
    private int _lastSize;
    private DateTimeOffset _windowEnds = DateTimeOffset.MinValue;
    private DateTimeOffset _leaseEnds = DateTimeOffset.MinValue;

    /// <summary>How long a lease is spent before the next request asks Redis again (and learns what others used).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>Held for each decision: short, never across an await, so spending a leased permit costs no queueing.</summary>
    public Lock Sync { get; } = new();

    /// <summary>One renewal at a time per client and instance: waiters spend what the renewal before them leased.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>
    /// The largest lease for a limit: a thirtieth of it, at least 1 and at most 1,000. The fraction bounds what an
    /// unspent lease can cost a client; the cap only keeps a very high limit's leases to what one instance can spend
    /// in a second, since a lease grows only while it is spent within its <see cref="Lifetime"/>.
    /// </summary>
    public static int MaxSize(int permitsPerWindow) => Math.Clamp(permitsPerWindow / 30, 1, 1_000);

    /// <summary>The decision this instance can make alone, or null when it must lease from Redis first.</summary>
    public RateLimitDecision? TryDecide(DateTimeOffset now, int permitsPerWindow)
    {
        if (now >= _windowEnds)
        {
            return null;
        }

        if (_left > 0 && now < _leaseEnds)
        {
            _left--;
            return new RateLimitDecision(true, Remaining(permitsPerWindow), _windowEnds - now);
        }

        // Every permit of the window is leased out, here or elsewhere: refuse until it ends without asking.
        return _counter >= permitsPerWindow ? new RateLimitDecision(false, 0, _windowEnds - now) : null;
    }

    /// <summary>How many permits to ask for now: more if the last lease was spent, fewer if it was not.</summary>
    public int NextSize(DateTimeOffset now, int permitsPerWindow)
    {
        if (now >= _windowEnds)
        {
            return 1;
        }

        return _left == 0 ? Math.Min(_lastSize * 2, MaxSize(permitsPerWindow)) : Math.Max(1, _lastSize / 2);
    }

    /// <summary>Takes in a lease of <paramref name="size"/> that brought the counter to <paramref name="counter"/>.</summary>
    public void Renew(DateTimeOffset now, long counter, int size, TimeSpan windowLeft, int permitsPerWindow)
    {
        var before = counter - size;
        _left = (int)Math.Clamp(permitsPerWindow - before, 0, size);
        _counter = counter;
        _lastSize = size;
        _windowEnds = now + windowLeft;
        _leaseEnds = now + Lifetime;
    }

    /// <summary>Decides after <see cref="Renew"/>: allowed while the lease holds a permit, else refused.</summary>
    public RateLimitDecision DecideAfterRenewal(DateTimeOffset now, int permitsPerWindow) =>
        TryDecide(now, permitsPerWindow) ?? new RateLimitDecision(false, 0, _windowEnds - now);

    /// <summary>
    /// The permits left in the window as this instance knows it, or null when it knows nothing current. Needs only
    /// <see cref="Sync"/>: it fills in a header of an exempt route, which must not wait behind a renewal.
    /// </summary>
    public int? KnownRemaining(DateTimeOffset now, int permitsPerWindow) =>
        now < _windowEnds && (now < _leaseEnds || _counter >= permitsPerWindow) ? Remaining(permitsPerWindow) : null;

    private int Remaining(int permitsPerWindow) =>
        (int)Math.Max(0, permitsPerWindow - Math.Min(permitsPerWindow, _counter)) + _left;
}
