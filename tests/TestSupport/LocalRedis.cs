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

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo root;
    private readonly Watchdog watchdog;
    private readonly Func<int, (string FileName, IReadOnlyList<string> Arguments)> serverCommand;
    private readonly int port;
    private ChildProcess? server;
    private int disposed;

    private LocalRedis(
        DirectoryInfo root,
        Watchdog watchdog,
        Func<int, (string FileName, IReadOnlyList<string> Arguments)> serverCommand,
        ChildProcess server,
        int port,
        string executable)
    {
        this.root = root;
        this.watchdog = watchdog;
        this.serverCommand = serverCommand;
        this.server = server;
        this.port = port;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        Description = string.Create(CultureInfo.InvariantCulture, $"local redis-server ({executable}) on 127.0.0.1:{port}");
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public static string? FindExecutable() => ChildProcess.FindExecutable("redis-server", "/usr/bin");

    /// <param name="persistent">
    /// Keep the data across <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> (an append-only file in the temp
    /// directory), as a production Redis does; otherwise nothing is written to disk.
    /// </param>
    public static async Task<LocalRedis> StartAsync(string executable, bool persistent = false)
    {
        var root = Directory.CreateTempSubdirectory("shop-redis-");
        var watchdog = Watchdog.Start(root.FullName);
        try
        {
            File.SetUnixFileMode(root.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            Func<int, (string FileName, IReadOnlyList<string> Arguments)> command = port => (executable,
            [
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
                "--appendonly", persistent ? "yes" : "no", "--dir", root.FullName,
                "--databases", Databases.ToString(CultureInfo.InvariantCulture),
            ]);
            var (server, port) = await ChildProcess.StartOnFreePortAsync("redis-server", command, root.FullName, PingAsync, StartTimeout);
            await Watchdog.WritePidAsync(root.FullName, server.Id);
            return new LocalRedis(root, watchdog, command, server, port, executable);
        }
        catch
        {
            watchdog.Dispose();
            Watchdog.DeleteQuietly(root);
            throw;
        }
    }

    /// <summary>Shuts the server down (SIGTERM: clients are disconnected); the port stays, for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (server is not { } running)
        {
            return;
        }

        await ChildProcess.SignalAsync(running.Id, "TERM");
        running.Stop(TimeSpan.FromSeconds(10));
        running.Dispose();
        server = null;
    }

    /// <summary>Starts the stopped server again on the same port (with its data when it is persistent).</summary>
    public async Task StartAgainAsync()
    {
        if (server is not null)
        {
            return;
        }

        server = await ChildProcess.StartOnPortAsync("redis-server", serverCommand, port, root.FullName, PingAsync, StartTimeout);
        await Watchdog.WritePidAsync(root.FullName, server.Id);
    }

    /// <summary>
    /// Freezes the server (SIGSTOP): its socket still accepts connections and bytes, but nothing is answered, the way a
    /// stalled or overloaded server looks to a client.
    /// </summary>
    public Task PauseAsync() => SignalRunningAsync("STOP");

    /// <summary>Lets a paused server go on (SIGCONT); it then answers what it was sent meanwhile.</summary>
    public Task ResumeAsync() => SignalRunningAsync("CONT");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // The watchdog stops redis-server (TERM; nothing is persisted) and deletes the directory; kill what is left.
        watchdog.Dispose();
        server?.Stop(TimeSpan.FromSeconds(5));
        server?.Dispose();
        Watchdog.DeleteQuietly(root);
    }

    private Task SignalRunningAsync(string signal) =>
        server is { } running
            ? ChildProcess.SignalAsync(running.Id, signal)
            : throw new InvalidOperationException("redis-server is stopped.");

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
