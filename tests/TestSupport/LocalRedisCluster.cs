using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Shop.TestSupport;

/// <summary>
/// A throwaway Redis Cluster of three masters (no replicas) run from the local redis-server and redis-cli
/// binaries on loopback, each node in its own temp directory. Every node's port is at most 55535: a
/// cluster node also listens on its bus port, the port + 10000.
/// </summary>
public sealed class LocalRedisCluster : IDisposable
{
    public const int Masters = 3;

    private const int HighestNodePort = 65535 - 10000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Task<LocalRedisCluster>> Shared =
        new(() => Task.Run(StartSharedAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IReadOnlyList<Node> nodes;
    private int disposed;

    private LocalRedisCluster(IReadOnlyList<Node> nodes)
    {
        this.nodes = nodes;
        Ports = [.. nodes.Select(node => node.Port)];
        ConnectionString = string.Join(',', Ports.Select(port => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}")));
    }

    /// <summary>StackExchange.Redis configuration string listing the three nodes.</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<int> Ports { get; }

    /// <summary>The cluster of this test process, started on the first call and stopped when the process exits.</summary>
    public static Task<LocalRedisCluster> GetAsync() => Shared.Value;

    /// <summary>Starts the nodes, joins them into a cluster and waits until every node reports cluster_state:ok.</summary>
    public static async Task<LocalRedisCluster> StartAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local Redis cluster runs redis-server binaries, which Windows does not have.");
        }

        var server = LocalRedis.FindExecutable()
            ?? throw new InvalidOperationException("No redis-server on PATH or in /usr/bin: install it with `apt-get install -y redis-server`.");
        var cli = ChildProcess.FindExecutable("redis-cli", "/usr/bin")
            ?? throw new InvalidOperationException("No redis-cli on PATH or in /usr/bin: install it with `apt-get install -y redis-server`.");

        var nodes = new List<Node>();
        try
        {
            for (var i = 0; i < Masters; i++)
            {
                nodes.Add(await Node.StartAsync(server));
            }

            var cluster = new LocalRedisCluster(nodes);
            await ChildProcess.RunCheckedAsync(
                cli,
                ["--cluster", "create", .. cluster.Ports.Select(port => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}")),
                    "--cluster-replicas", "0", "--cluster-yes"],
                null,
                StartTimeout);
            await cluster.WaitUntilReadyAsync(cli);
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        foreach (var node in nodes)
        {
            node.Dispose();
        }
    }

    private static async Task<LocalRedisCluster> StartSharedAsync()
    {
        var cluster = await StartAsync();
        TestServers.AtExit(cluster.Dispose);
        return cluster;
    }

    /// <summary>The slots are assigned at once, but each node learns the others' through the bus: wait for all.</summary>
    private async Task WaitUntilReadyAsync(string cli)
    {
        var clock = Stopwatch.StartNew();
        var pending = Ports.ToList();
        var lastAnswer = string.Empty;
        while (pending.Count > 0)
        {
            var port = pending[0];
            var (exitCode, output) = await ChildProcess.RunAsync(
                cli, ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "cluster", "info"], null, TimeSpan.FromSeconds(10));
            if (exitCode == 0 && output.Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                pending.RemoveAt(0);
                continue;
            }

            lastAnswer = output;
            if (clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The Redis cluster node on 127.0.0.1:{port} did not report cluster_state:ok within {StartTimeout.TotalSeconds:0} s:\n{lastAnswer}"));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>One redis-server in cluster mode, in a temp directory that its watchdog deletes.</summary>
    private sealed class Node : IDisposable
    {
        private readonly DirectoryInfo root;
        private readonly Watchdog watchdog;
        private readonly ChildProcess server;

        private Node(DirectoryInfo root, Watchdog watchdog, ChildProcess server, int port)
        {
            this.root = root;
            this.watchdog = watchdog;
            this.server = server;
            Port = port;
        }

        public int Port { get; }

        [UnsupportedOSPlatform("windows")]
        public static async Task<Node> StartAsync(string executable)
        {
            var root = Directory.CreateTempSubdirectory("shop-redis-cluster-");
            var watchdog = Watchdog.Start(root.FullName);
            try
            {
                var (server, port) = await StartOnClusterPortAsync(executable, root.FullName);
                await Watchdog.WritePidAsync(root.FullName, server.Id);
                return new Node(root, watchdog, server, port);
            }
            catch
            {
                watchdog.Dispose();
                Watchdog.DeleteQuietly(root);
                throw;
            }
        }

        public void Dispose()
        {
            // The watchdog stops redis-server (TERM; nothing is persisted) and deletes the directory; kill what is left.
            watchdog.Dispose();
            server.Stop(TimeSpan.FromSeconds(5));
            server.Dispose();
            Watchdog.DeleteQuietly(root);
        }

        /// <summary>Like <see cref="ChildProcess.StartOnFreePortAsync"/>, on a port whose bus port is free too.</summary>
        [UnsupportedOSPlatform("windows")]
        private static async Task<(ChildProcess Server, int Port)> StartOnClusterPortAsync(string executable, string directory)
        {
            const int attempts = 3;
            for (var attempt = 1; ; attempt++)
            {
                var port = FreeClusterPort();
                string[] arguments =
                [
                    "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(directory, "nodes.conf"),
                    "--save", string.Empty, "--appendonly", "no", "--dir", directory,
                ];
                var server = ChildProcess.Start(executable, arguments, directory);
                var clock = Stopwatch.StartNew();
                try
                {
                    while (!server.HasExited)
                    {
                        if (await LocalRedis.PingAsync(port))
                        {
                            return (server, port);
                        }

                        if (clock.Elapsed > StartTimeout)
                        {
                            throw new InvalidOperationException(string.Create(
                                CultureInfo.InvariantCulture,
                                $"redis-server (cluster node) did not accept connections on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s. Server log:\n{server.Log}"));
                        }

                        await Task.Delay(100);
                    }
                }
                catch
                {
                    server.Dispose();
                    throw;
                }

                await server.WaitForOutputAsync(TimeSpan.FromSeconds(5));
                var log = server.Log;
                server.Dispose();
                if (attempt < attempts && log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    continue;
                }

                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"redis-server (cluster node) exited during startup on 127.0.0.1:{port}. Server log:\n{log}"));
            }
        }

        private static int FreeClusterPort()
        {
            for (var tries = 0; tries < 200; tries++)
            {
                var port = FreePort.Next();
                if (port <= HighestNodePort && IsFree(port + 10000))
                {
                    return port;
                }
            }

            throw new InvalidOperationException($"Found no free loopback port at most {HighestNodePort} whose port + 10000 is free too.");
        }

        private static bool IsFree(int port)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
