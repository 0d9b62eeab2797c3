using Shop.Application.Errors;
using Shop.Infrastructure.Diagnostics;

namespace Shop.Infrastructure.Redis;

/// <summary>
/// Calls to Redis that a request cannot do without (sessions, idempotency records): when Redis does not
/// answer, the request fails as unavailable (503, retry later) instead of with an unexpected error, and the
/// failure goes to the <see cref="OutageLog"/> instead of a log line of its own.
/// </summary>
internal static class RequiredRedis
{
    public static async Task<T> CallAsync<T>(OutageLog outages, string service, Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            outages.Answered(OutageLog.Redis);
            return result;
        }
        catch (Exception exception) when (RedisFailures.IsOutage(exception))
        {
            outages.Failed(OutageLog.Redis, exception);
            throw new ServiceUnavailableException($"{service} cannot be reached right now; retry shortly.", exception);
        }
    }
}
