namespace Shop.Application.EdgePorts;

/// <summary>A fixed-window request counter shared by every API instance.</summary>
public interface IRateLimiter
{
    Task<RateLimitDecision> HitAsync(string clientKey, int permitsPerWindow, CancellationToken cancellationToken);

    /// <summary>The requests left in the client's current window, without counting this one (for exempt routes).</summary>
    Task<int> RemainingAsync(string clientKey, int permitsPerWindow, CancellationToken cancellationToken);
}

/// <param name="Allowed">Whether this request is within the limit.</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="ResetAfter">Time until the window ends.</param>
public sealed record RateLimitDecision(bool Allowed, int Remaining, TimeSpan ResetAfter);
