using StackExchange.Redis;

namespace Shop.Infrastructure.Redis;

/// <summary>Which exceptions StackExchange.Redis throws when a call to Redis did not do its work.</summary>
/// <remarks>
/// The client reports an unreachable or failing server as <see cref="RedisException"/> (connection and server errors)
/// and a timeout as <see cref="RedisTimeoutException"/>, a <see cref="TimeoutException"/>. A command it refuses to send,
/// such as one naming keys of several cluster slots, is a <see cref="RedisCommandException"/>, which derives from neither.
/// </remarks>
internal static class RedisFailures
{
    /// <summary>Redis did not answer in time or answered with an error: worth retrying, or a 503 for required calls.</summary>
    public static bool IsOutage(Exception exception) => exception is RedisException or TimeoutException;

    /// <summary>Any failure of a Redis call, refused commands included: what best-effort work must absorb.</summary>
    public static bool IsAny(Exception exception) => IsOutage(exception) || exception is RedisCommandException;
}
