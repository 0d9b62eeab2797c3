using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Shop.TestSupport;

/// <summary>A throwaway redis-server run from the local binary in a temp directory.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class LocalRedis : IDisposable
{
    public const int Databases = 64;

    private readonly DirectoryInfo root;
    private readonly Watchdog watchdog;
    private readonly ChildProcess server;
    private int disposed;

    private LocalRedis(DirectoryInfo root, Watchdog watchdog, ChildProcess server, int port, string executable)
    {
        this.root = root;
        this.watchdog = watchdog;
        this.server = server;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        Description = string.Create(CultureInfo.InvariantCulture, $"local redis-server ({executable}) on 127.0.0.1:{port}");
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public static string? FindExecutable() => ChildProcess.FindExecutable("redis-server", "/usr/bin");

    public static async Task<LocalRedis> StartAsync(string executable)
    {
        var root = Directory.CreateTempSubdirectory("shop-redis-");
        var watchdog = Watchdog.Start(root.FullName);
        try
        {
            File.SetUnixFileMode(root.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var (server, port) = await ChildProcess.StartOnFreePortAsync(
                "redis-server",
                port => (executable,
                [
                    "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
                    "--appendonly", "no", "--dir", root.FullName, "--databases", Databases.ToString(CultureInfo.InvariantCulture),
                ]),
                root.FullName,
                PingAsync,
                TimeSpan.FromSeconds(60));
            await Watchdog.WritePidAsync(root.FullName, server.Id);
            return new LocalRedis(root, watchdog, server, port, executable);
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
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // The watchdog stops redis-server (TERM; nothing is persisted) and deletes the directory; kill what is left.
        watchdog.Dispose();
        server.Stop(TimeSpan.FromSeconds(5));
        server.Dispose();
        Watchdog.DeleteQuietly(root);
    }

    internal static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cts.Token);
            return "+PONG"u8.SequenceEqual(buffer.AsSpan(0, Math.Min(read, 5)));
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
