namespace Shop.Application.EdgePorts;

/// <summary>
/// The `Idempotency-Key` of the request being handled, for the command it sends: the HTTP edge sets it before the
/// command runs; the command's pipeline records the first outcome under it, or replays that outcome.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>The key, or null when the request carries none.</summary>
    public IdempotencyKey? Key { get; private set; }

    /// <summary>The hash of the request's body, which tells a retry from another request under the same key.</summary>
    public string? RequestHash { get; private set; }

    /// <summary>Whether the command was answered from its recorded first outcome instead of running.</summary>
    public bool Replayed { get; private set; }

    public void Use(IdempotencyKey key, string requestHash)
    {
        Key = key;
        RequestHash = requestHash;
        Replayed = false;
    }

    public void MarkReplayed() => Replayed = true;
}
