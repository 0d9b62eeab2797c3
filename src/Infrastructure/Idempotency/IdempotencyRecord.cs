namespace Shop.Infrastructure.Idempotency;

/// <summary>The first outcome of a command sent under an `Idempotency-Key`, saved in the same transaction as its change.</summary>
internal sealed class IdempotencyRecord
{
    private IdempotencyRecord(Guid userId, string route, string keyHash, string requestHash, string response, DateTimeOffset createdAt)
    {
        UserId = userId;
        Route = route;
        KeyHash = keyHash;
        RequestHash = requestHash;
        Response = response;
        CreatedAt = createdAt;
    }

    public Guid UserId { get; private set; }

    public string Route { get; private set; }

    public string KeyHash { get; private set; }

    public string RequestHash { get; private set; }

    public string Response { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static IdempotencyRecord Create(Guid userId, string route, string keyHash, string requestHash, string response, DateTimeOffset createdAt) =>
        new(userId, route, keyHash, requestHash, response, createdAt);
}
