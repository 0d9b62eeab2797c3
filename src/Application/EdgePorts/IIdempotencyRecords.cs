namespace Shop.Application.EdgePorts;

/// <summary>
/// The first outcome of each command sent under an `Idempotency-Key`, kept in the database with the change itself: a
/// retry whose first answer was lost (the COMMIT's) finds it and replays it instead of running again.
/// </summary>
public interface IIdempotencyRecords
{
    /// <summary>The outcome recorded under the key, in the command's transaction; null when none or when it is older than its retention.</summary>
    Task<RecordedOutcome?> FindAsync(IdempotencyKey key, CancellationToken cancellationToken);

    /// <summary>Adds the outcome to the command's unit of work: it is saved in the same transaction as the change.</summary>
    void Add(IdempotencyKey key, string requestHash, string response);
}

/// <param name="RequestHash">The hash of the body the outcome answered.</param>
/// <param name="Response">The command's response, as JSON.</param>
public sealed record RecordedOutcome(string RequestHash, string Response);
