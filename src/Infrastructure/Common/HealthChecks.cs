using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Application.Common.Outages;
using Shop.Infrastructure.Common.Persistence;
using StackExchange.Redis;

namespace Shop.Infrastructure.Common;

/// <summary>The primary database (writes) and, where one is configured, the read replica.</summary>
internal sealed class PostgresHealthCheck : IHealthCheck
{
    private readonly ShopDbContext _primary;
    private readonly ShopReadDbContext _replica;

    public PostgresHealthCheck(ShopDbContext primary, ShopReadDbContext replica)
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

        var sameServer = _primary.Database.GetConnectionString() == _replica.Database.GetConnectionString();
        return sameServer || await _replica.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("PostgreSQL (read replica) does not answer.");
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
