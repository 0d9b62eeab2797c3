using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;
using StackExchange.Redis;

namespace Shop.Infrastructure.Diagnostics;

/// <summary>
/// The primary database (writes). A read replica that is down, behind its samples or not a replica at all makes the
/// API degraded, not down: reads then go to the primary.
/// </summary>
internal sealed class PostgresHealthCheck : IHealthCheck
{
    private readonly ShopDbContext _primary;
    private readonly ReplicaPosition _replica;

    public PostgresHealthCheck(ShopDbContext primary, ReplicaPosition replica)
    {
        _primary = primary;
        _replica = replica;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await _primary.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("PostgreSQL (primary) does not answer.");
        }

        return _replica.Enabled && _replica.Replayed is null
            ? HealthCheckResult.Degraded("PostgreSQL (read replica) does not answer as a replica; reads go to the primary.")
            : HealthCheckResult.Healthy();
    }
}

internal sealed class RedisHealthCheck : IHealthCheck
{
    private readonly IConnectionMultiplexer _redis;
    private readonly OutageLog _outages;

    public RedisHealthCheck(IConnectionMultiplexer redis, OutageLog outages)
    {
        _redis = redis;
        _outages = outages;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _redis.GetDatabase().PingAsync();
            _outages.Answered(OutageLog.Redis);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // No exception in the result: the health check service would log its stack trace on every probe.
            _outages.Failed(OutageLog.Redis, exception);
            return HealthCheckResult.Unhealthy("Redis does not answer.");
        }
    }
}
