using System.Runtime.Versioning;

namespace Shop.TestSupport;

/// <summary>
/// A PostgreSQL and a Redis owned by one fixture, never shared with other tests, so that a test may stop, start,
/// pause and resume them while a host is serving. Always the local binaries (a server from SHOP_TEST_* or a
/// container is not ours to stop). Each server keeps its port and data across a stop and a start, so the
/// connection strings stay valid; Redis persists its data (append-only file) as a production server does.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DedicatedServers : IDisposable
{
    private readonly LocalPostgres postgres;
    private readonly LocalRedis redis;

    private DedicatedServers(LocalPostgres postgres, LocalRedis redis)
    {
        this.postgres = postgres;
        this.redis = redis;
    }

    /// <summary>Superuser connection string to the server's <c>postgres</c> database.</summary>
    public string PostgresAdminConnectionString => postgres.AdminConnectionString;

    /// <summary>StackExchange.Redis configuration string of the server (<c>host:port</c>).</summary>
    public string RedisConnectionString => redis.ConnectionString;

    public static async Task<DedicatedServers> StartAsync()
    {
        var binDirectory = LocalPostgres.FindBinDirectory() ?? throw Missing("initdb/postgres", "postgresql");
        var redisServer = LocalRedis.FindExecutable() ?? throw Missing("redis-server", "redis-server");
        var postgres = LocalPostgres.StartAsync(binDirectory);
        var redis = LocalRedis.StartAsync(redisServer, persistent: true);
        try
        {
            await Task.WhenAll(postgres, redis);
        }
        catch
        {
            DisposeStarted(postgres);
            DisposeStarted(redis);
            throw;
        }

        var servers = new DedicatedServers(await postgres, await redis);
        // Also when the test host exits without disposing its fixtures (the watchdogs cover a kill).
        TestServers.AtExit(servers.Dispose);
        return servers;
    }

    public Task StopPostgresAsync() => postgres.StopAsync();

    public Task StartPostgresAsync() => postgres.StartAgainAsync();

    public Task StopRedisAsync() => redis.StopAsync();

    public Task StartRedisAsync() => redis.StartAgainAsync();

    /// <summary>SIGSTOP to redis-server: connections stay open, nothing is answered.</summary>
    public Task PauseRedisAsync() => redis.PauseAsync();

    /// <summary>SIGCONT to a paused redis-server.</summary>
    public Task ResumeRedisAsync() => redis.ResumeAsync();

    public void Dispose()
    {
        redis.Dispose();
        postgres.Dispose();
    }

    private static void DisposeStarted<T>(Task<T> start)
        where T : IDisposable
    {
        if (start.IsCompletedSuccessfully)
        {
            start.Result.Dispose();
        }
    }

    private static InvalidOperationException Missing(string binaries, string package) =>
        new($"Tests that stop and pause their own servers need the local {binaries} binaries; "
            + $"install them with `apt-get install -y {package}`.");
}
