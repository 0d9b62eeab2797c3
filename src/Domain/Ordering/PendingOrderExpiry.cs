using Shop.Domain.Common;

namespace Shop.Domain.Ordering;

/// <summary>
/// How long a pending order waits for its payment. Past that it has expired: it can no longer be paid or added to
/// (whether or not the sweep has cancelled it yet), and the sweep cancels it.
/// </summary>
public sealed record PendingOrderExpiry
{
    public PendingOrderExpiry(TimeSpan after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(after, TimeSpan.Zero);
        After = after;
    }

    /// <summary>How long after it was placed a pending order expires.</summary>
    public TimeSpan After { get; }

    /// <summary>Now, orders placed at or before this instant have expired.</summary>
    public DateTime PlacedBy(TimeProvider clock) => Guard.UtcNow(clock) - After;
}
