using System.Globalization;
using System.Runtime.Versioning;
using Npgsql;

namespace Shop.TestSupport;

/// <summary>A throwaway PostgreSQL cluster run from the local binaries in a temp directory.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class LocalPostgres : IDisposable
{
    private const string OsUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo root;
    private readonly Watchdog watchdog;
    private readonly string dataDirectory;
    private readonly Func<int, (string FileName, IReadOnlyList<string> Arguments)> serverCommand;
    private readonly int port;
    private ChildProcess? server;
    private int disposed;

    private LocalPostgres(
        DirectoryInfo root,
        Watchdog watchdog,
        string dataDirectory,
        Func<int, (string FileName, IReadOnlyList<string> Arguments)> serverCommand,
        ChildProcess server,
        int port,
        string binDirectory)
    {
        this.root = root;
        this.watchdog = watchdog;
        this.dataDirectory = dataDirectory;
        this.serverCommand = serverCommand;
        this.server = server;
        this.port = port;
        AdminConnectionString = ConnectionStringFor(port, pooling: true);
        Description = string.Create(
            CultureInfo.InvariantCulture, $"local PostgreSQL ({binDirectory}) on 127.0.0.1:{port}, data in {dataDirectory}");
    }

    public string AdminConnectionString { get; }

    public string Description { get; }

    /// <summary>The directory holding initdb and postgres: PATH first, else the highest /usr/lib/postgresql/*/bin.</summary>
    public static string? FindBinDirectory()
    {
        var initdb = ChildProcess.FindExecutable("initdb");
        if (initdb is not null)
        {
            var resolved = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
            var directory = Path.GetDirectoryName(resolved);
            if (directory is not null && HasServerBinaries(directory))
            {
                return directory;
            }
        }

        const string versions = "/usr/lib/postgresql";
        if (!Directory.Exists(versions))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versions)
            .Select(d => (Bin: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
            .Where(v => v.Version is not null && HasServerBinaries(v.Bin))
            .OrderByDescending(v => v.Version)
            .Select(v => v.Bin)
            .FirstOrDefault();
    }

    public static async Task<LocalPostgres> StartAsync(string binDirectory)
    {
        var runuser = await PrivilegeDropperAsync();
        var root = Directory.CreateTempSubdirectory("shop-pg-");
        var watchdog = Watchdog.Start(root.FullName);
        try
        {
            // The server runs as 'postgres' when we are root: it must be able to reach its data directory.
            File.SetUnixFileMode(root.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var data = Path.Combine(root.FullName, "data");
            Directory.CreateDirectory(data);
            if (runuser is not null)
            {
                await ChildProcess.RunCheckedAsync("chown", [OsUser + ":", data], null, TimeSpan.FromSeconds(30));
            }

            var (initdb, initdbArguments) = AsServerUser(runuser, Path.Combine(binDirectory, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            await ChildProcess.RunCheckedAsync(initdb, initdbArguments, root.FullName, TimeSpan.FromSeconds(120));

            var postgres = Path.Combine(binDirectory, "postgres");
            Func<int, (string FileName, IReadOnlyList<string> Arguments)> command = port => AsServerUser(runuser, postgres,
            [
                "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", data,
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=300",
            ]);
            var (server, port) = await ChildProcess.StartOnFreePortAsync("PostgreSQL", command, root.FullName, CanConnectAsync, StartTimeout);
            await Watchdog.WritePidAsync(root.FullName, server.Id);
            return new LocalPostgres(root, watchdog, data, command, server, port, binDirectory);
        }
        catch
        {
            watchdog.Dispose();
            Watchdog.DeleteQuietly(root);
            throw;
        }
    }

    /// <summary>
    /// Shuts the server down the way an operator's fast shutdown does (SIGINT to the postmaster: open sessions are
    /// ended, then it exits). The data directory and the port stay, for <see cref="StartAgainAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (server is not { } running)
        {
            return;
        }

        var postmasterPid = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First();
        await ChildProcess.SignalAsync(int.Parse(postmasterPid, CultureInfo.InvariantCulture), "INT");
        running.Stop(TimeSpan.FromSeconds(15));
        running.Dispose();
        server = null;
    }

    /// <summary>Starts the stopped server again on the same port with the same data.</summary>
    public async Task StartAgainAsync()
    {
        if (server is not null)
        {
            return;
        }

        server = await ChildProcess.StartOnPortAsync("PostgreSQL", serverCommand, port, root.FullName, CanConnectAsync, StartTimeout);
        await Watchdog.WritePidAsync(root.FullName, server.Id);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // The watchdog shuts PostgreSQL down (immediate mode, which releases its shared memory) and deletes the directory;
        // here we wait for that, and kill what is left.
        watchdog.Dispose();
        server?.Stop(TimeSpan.FromSeconds(10));
        server?.Dispose();
        Watchdog.DeleteQuietly(root);
    }

    /// <summary>runuser's path when we are root (PostgreSQL refuses to run as root), otherwise null.</summary>
    internal static async Task<string?> PrivilegeDropperAsync()
    {
        if (!await ChildProcess.IsRootAsync())
        {
            return null;
        }

        var runuser = ChildProcess.FindExecutable("runuser", "/usr/sbin", "/sbin");
        var (userExists, _) = await ChildProcess.RunAsync("id", ["-u", OsUser], null, TimeSpan.FromSeconds(10));
        if (runuser is null || userExists != 0)
        {
            throw new InvalidOperationException(
                "PostgreSQL refuses to run as root, and this process is root without a 'postgres' user and runuser to drop "
                + "privileges. Run `apt-get install -y postgresql` (it creates the 'postgres' user), run the tests as a "
                + "non-root user, or set SHOP_TEST_POSTGRES to a superuser connection string.");
        }

        return runuser;
    }

    internal static (string FileName, IReadOnlyList<string> Arguments) AsServerUser(
        string? runuser, string executable, IReadOnlyList<string> arguments) =>
        runuser is null
            ? (executable, arguments)
            : (runuser, ["-u", OsUser, "--", executable, .. arguments]);

    internal static async Task<bool> CanConnectAsync(int port)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor(port, pooling: false));
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static string ConnectionStringFor(int port, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = pooling,
            Timeout = 5,
            IncludeErrorDetail = true,
        }.ConnectionString;

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres"));

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;
}
