using Shop.Application.Common.Errors;

namespace Shop.Infrastructure.Common.Redis;

/// <summary>
/// Calls to Redis that a request cannot do without (sessions, idempotency records): when Redis does not
/// answer, the request fails as unavailable (503, retry later) instead of with an unexpected error.
/// </summary>
internal static class RequiredRedis
{
    public static async Task<T> CallAsync<T>(string service, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (RedisFailures.IsOutage(exception))
        {
            throw new ServiceUnavailableException($"{service} cannot be reached right now; retry shortly.", exception);
        }
    }
}
