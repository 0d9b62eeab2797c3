namespace Shop.Application.Caching;

/// <summary>
/// Every Redis key pattern of the shop and its time to live, in one registry. The throttles' keys are settings
/// (Shop:LoginThrottle, Shop:RegistrationThrottle): their patterns and windows are defaults of the throttles' options.
/// </summary>
public static class CacheKeys
{
    public static readonly TimeSpan SessionTimeToLive = TimeSpan.FromHours(24);
    public static readonly TimeSpan UserTimeToLive = TimeSpan.FromHours(1);
    public static readonly TimeSpan ProductTimeToLive = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan IdempotencyTimeToLive = TimeSpan.FromHours(24);

    /// <summary>What a session's keys hold of its token: the SHA-256 (hex), so a Redis dump holds no usable token.</summary>
    public static string TokenHash(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static string Session(string tokenHash) => $"session:{tokenHash}";

    /// <summary>A user's open sessions: their token hashes scored by creation time (Unix microseconds).</summary>
    public static string UserSessions(Guid userId) => $"user-sessions:{userId}";

    public static string SessionWrites(string tokenHash) => $"session-writes:{tokenHash}";

    public static string User(Guid userId) => $"cache:user:{userId}";

    public static string Product(Guid productId) => $"cache:product:{productId}";

    public static string RateLimit(string clientIp) => $"rate:{clientIp}";

    public static string Idempotency(Guid userId, string route, string keyHash) => $"idempotency:{userId}:{route}:{keyHash}";

    /// <summary>The documented patterns, as the schema document lists them.</summary>
    public static IReadOnlyList<CacheKeyPattern> Patterns { get; } =
    [
        new("session:{id}", SessionTimeToLive, "User sessions", "JSON object"),
        new("user-sessions:{userId}", SessionTimeToLive, "Each user's sessions: token hashes (as in session:{id}) scored by creation time in Unix microseconds; renewed by each login", "Sorted set"),
        new("session-writes:{id}", SessionTimeToLive, "Read-your-writes: the primary's log position after the session's last write (only with a replica)", "String (16 hex digits)"),
        new("cache:user:{id}", UserTimeToLive, "User profile cache", "JSON object"),
        new("cache:product:{id}", ProductTimeToLive, "Product details", "JSON object"),
        new("rate:{ip}", RateLimitWindow, "Rate limiting", "Counter"),
        new("idempotency:{userId}:{route}:{key}", IdempotencyTimeToLive, "Idempotent replay of POST responses", "JSON object"),
    ];
}

public sealed record CacheKeyPattern(string Pattern, TimeSpan TimeToLive, string Purpose, string DataStructure);
