namespace Shop.Application.Caching;

/// <summary>Every Redis key pattern of the shop and its time to live, in one registry.</summary>
public static class CacheKeys
{
    public static readonly TimeSpan SessionTimeToLive = TimeSpan.FromHours(24);
    public static readonly TimeSpan UserTimeToLive = TimeSpan.FromHours(1);
    public static readonly TimeSpan ProductTimeToLive = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan IdempotencyTimeToLive = TimeSpan.FromHours(24);

    /// <summary>Default of Shop:LoginThrottle:Window.</summary>
    public static readonly TimeSpan LoginFailureWindow = TimeSpan.FromMinutes(15);

    /// <summary>Default of Shop:RegistrationThrottle:Window.</summary>
    public static readonly TimeSpan RegistrationWindow = TimeSpan.FromHours(1);

    /// <summary>Default of Shop:LoginThrottle:KeyPattern; <c>{hash}</c> is the SHA-256 (hex) of the normalized e-mail.</summary>
    public const string LoginFailuresPattern = "login-failures:{hash}";

    /// <summary>Default of Shop:RegistrationThrottle:KeyPattern; <c>{ip}</c> is the client address.</summary>
    public const string RegistrationsPattern = "registrations:{ip}";

    /// <summary>What a session's keys hold of its token: the SHA-256 (hex), so a Redis dump holds no usable token.</summary>
    public static string TokenHash(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static string Session(string tokenHash) => $"session:{tokenHash}";

    public static string SessionWrites(string tokenHash) => $"session-writes:{tokenHash}";

    public static string User(Guid userId) => $"cache:user:{userId}";

    public static string Product(Guid productId) => $"cache:product:{productId}";

    public static string RateLimit(string clientIp) => $"rate:{clientIp}";

    public static string Idempotency(Guid userId, string route, string keyHash) => $"idempotency:{userId}:{route}:{keyHash}";

    /// <summary>The documented patterns, as the schema document lists them.</summary>
    public static IReadOnlyList<CacheKeyPattern> Patterns { get; } =
    [
        new("session:{id}", SessionTimeToLive, "User sessions", "JSON object"),
        new("session-writes:{id}", SessionTimeToLive, "Read-your-writes: the primary's log position after the session's last write (only with a replica)", "String (16 hex digits)"),
        new("cache:user:{id}", UserTimeToLive, "User profile cache", "JSON object"),
        new("cache:product:{id}", ProductTimeToLive, "Product details", "JSON object"),
        new("rate:{ip}", RateLimitWindow, "Rate limiting", "Counter"),
        new("idempotency:{userId}:{route}:{key}", IdempotencyTimeToLive, "Idempotent replay of POST responses", "JSON object"),
        new(LoginFailuresPattern, LoginFailureWindow, "Failed logins per account ({hash}: SHA-256 of the e-mail); window and pattern configurable", "Counter"),
        new(RegistrationsPattern, RegistrationWindow, "Registrations per client IP; window and pattern configurable", "Counter"),
    ];
}

public sealed record CacheKeyPattern(string Pattern, TimeSpan TimeToLive, string Purpose, string DataStructure);
