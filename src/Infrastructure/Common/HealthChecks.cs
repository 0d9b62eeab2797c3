using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Infrastructure.Common.Persistence;
using StackExchange.Redis;

namespace Shop.Infrastructure.Common;

internal sealed class PostgresHealthCheck : IHealthCheck
{
    private readonly ShopReadDbContext _context;

    public PostgresHealthCheck(ShopReadDbContext context) => _context = context;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await _context.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
}

internal sealed class RedisHealthCheck : IHealthCheck
{
    private readonly IConnectionMultiplexer _redis;

    public RedisHealthCheck(IConnectionMultiplexer redis) => _redis = redis;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _redis.GetDatabase().PingAsync().ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (RedisException exception)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", exception);
        }
    }
}
