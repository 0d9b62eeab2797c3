using System.Globalization;
using System.Runtime.Versioning;
using Npgsql;

namespace Shop.TestSupport;

/// <summary>
/// A PostgreSQL primary of its own and a streaming replica of it (pg_basebackup -R -X stream) that applies each commit
/// <c>applyDelay</c> late (recovery_min_apply_delay), so a lagging replica is deterministic. Local binaries only, on free
/// loopback ports in temp directories, removed afterwards; one per test class that needs it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalReplication : IDisposable
{
    private const string OsUser = "postgres";
    private readonly LocalPostgres _primary;
    private readonly DirectoryInfo _root;
    private readonly Watchdog _watchdog;
    private readonly ChildProcess _replica;
    private int _disposed;

    private LocalReplication(LocalPostgres primary, DirectoryInfo root, Watchdog watchdog, ChildProcess replica, int replicaPort)
    {
        _primary = primary;
        _root = root;
        _watchdog = watchdog;
        _replica = replica;
        ReplicaPort = replicaPort;
    }

    /// <summary>Superuser connection string to the primary's <c>postgres</c> database.</summary>
    public string PrimaryAdminConnectionString => _primary.AdminConnectionString;

    public int ReplicaPort { get; }

    /// <summary>The connection string <paramref name="primaryConnectionString"/> would be on the replica.</summary>
    public string OnReplica(string primaryConnectionString) =>
        new NpgsqlConnectionStringBuilder(primaryConnectionString) { Port = ReplicaPort }.ConnectionString;

    public static async Task<LocalReplication> StartAsync(TimeSpan applyDelay)
    {
        var bin = LocalPostgres.FindBinDirectory() ?? throw new InvalidOperationException(
            "A streaming replica needs the PostgreSQL server binaries (initdb, postgres, pg_basebackup): apt-get install -y postgresql.");
        var primary = await LocalPostgres.StartAsync(bin);
        var root = Directory.CreateTempSubdirectory("shop-pg-replica-");
        var watchdog = Watchdog.Start(root.FullName);
        try
        {
            File.SetUnixFileMode(root.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var data = Path.Combine(root.FullName, "data");
            var runAs = await LocalPostgres.PrivilegeDropperAsync();
            if (runAs is not null)
            {
                Directory.CreateDirectory(data);
                File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                await ChildProcess.RunCheckedAsync("chown", [OsUser + ":", data], null, TimeSpan.FromSeconds(30));
            }

            var primaryPort = new NpgsqlConnectionStringBuilder(primary.AdminConnectionString).Port;
            var (backup, backupArguments) = LocalPostgres.AsServerUser(runAs, Path.Combine(bin, "pg_basebackup"),
            [
                "-h", "127.0.0.1", "-p", primaryPort.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
                "-D", data, "-R", "-X", "stream", "--no-sync",
            ]);
            await ChildProcess.RunCheckedAsync(backup, backupArguments, root.FullName, TimeSpan.FromMinutes(2));

            var postgres = Path.Combine(bin, "postgres");
            var delay = ((int)applyDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
            var (replica, port) = await ChildProcess.StartOnFreePortAsync(
                "PostgreSQL replica",
                port => LocalPostgres.AsServerUser(runAs, postgres,
                [
                    "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", data,
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=300",
                    "-c", "hot_standby=on", "-c", $"recovery_min_apply_delay={delay}",
                ]),
                root.FullName,
                LocalPostgres.CanConnectAsync,
                TimeSpan.FromSeconds(60));
            await Watchdog.WritePidAsync(root.FullName, replica.Id);
            return new LocalReplication(primary, root, watchdog, replica, port);
        }
        catch
        {
            watchdog.Dispose();
            Watchdog.DeleteQuietly(root);
            primary.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the replica has replayed everything the primary had written when this was called.</summary>
    public async Task WaitForReplayAsync(TimeSpan timeout)
    {
        await using var primary = new NpgsqlConnection(PrimaryAdminConnectionString);
        await primary.OpenAsync();
        await using var current = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
        var target = (string)(await current.ExecuteScalarAsync())!;
        await using var replica = new NpgsqlConnection(OnReplica(PrimaryAdminConnectionString));
        await replica.OpenAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var replayed = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", replica)
            {
                Parameters = { new NpgsqlParameter { Value = target } },
            };
            if (await replayed.ExecuteScalarAsync() is true)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The replica did not replay {target} within {timeout}.");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _watchdog.Dispose();
        _replica.Stop(TimeSpan.FromSeconds(10));
        _replica.Dispose();
        Watchdog.DeleteQuietly(_root);
        _primary.Dispose();
    }
}
