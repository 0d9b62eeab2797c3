using System.Security.Cryptography;
using System.Text;

namespace Shop.Application.EdgePorts;

/// <summary>Remembers the first response to an Idempotency-Key so a retry is answered, not executed again.</summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for this request, or says why it cannot be claimed.</summary>
    Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, string requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(IdempotencyKey key, string requestHash, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Gives the key up after a failed request, so it may be tried again.</summary>
    Task ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken);
}

public sealed record IdempotencyKey(Guid UserId, string Route, string Key)
{
    /// <summary>The key as the stores keep it: hex SHA-256, so a key of any length or content makes a short, safe name.</summary>
    public string KeyHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
}

public sealed record StoredResponse(int StatusCode, string Body, string? Location, string ContentType = "application/json; charset=utf-8");

public enum IdempotencyClaimOutcome
{
    /// <summary>First use of the key: execute the request.</summary>
    Claimed,

    /// <summary>The key was used with the same body: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Replay,

    /// <summary>The key was used with another body.</summary>
    Mismatch,

    /// <summary>Another request with the key is still running.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, StoredResponse? Response = null);
