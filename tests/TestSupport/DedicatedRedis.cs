using System.Runtime.Versioning;

namespace Shop.TestSupport;

/// <summary>
/// A Redis owned by one fixture, never shared with other tests, so that a test may stop and start it while clients are
/// connected (the local binary; a server from SHOP_TEST_REDIS or a container is not ours to stop). It keeps its port
/// and, like a production server, its data (append-only file) across a stop and a start. See also
/// <see cref="DedicatedServers"/>, which adds a PostgreSQL.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DedicatedRedis : IDisposable
{
    private readonly LocalRedis redis;

    private DedicatedRedis(LocalRedis redis) => this.redis = redis;

    /// <summary>StackExchange.Redis configuration string of the server (<c>host:port</c>).</summary>
    public string ConnectionString => redis.ConnectionString;

    public static async Task<DedicatedRedis> StartAsync()
    {
        var executable = LocalRedis.FindExecutable()
            ?? throw new InvalidOperationException(
                "Tests that stop their own Redis need the local redis-server binary; install it with `apt-get install -y redis-server`.");
        var server = new DedicatedRedis(await LocalRedis.StartAsync(executable, persistent: true));
        // Also when the test host exits without disposing its fixtures (the watchdog covers a kill).
        TestServers.AtExit(server.Dispose);
        return server;
    }

    /// <summary>Shuts the server down (SIGTERM: clients are disconnected); the port stays.</summary>
    public Task StopAsync() => redis.StopAsync();

    /// <summary>Starts the stopped server again on the same port, with its data.</summary>
    public Task StartAgainAsync() => redis.StartAgainAsync();

    public void Dispose() => redis.Dispose();
}
