using System.Globalization;

namespace Shop.TestSupport;

/// <summary>
/// Names the temp directories of local servers after the owning test process, and removes the servers and
/// directories left behind by a test process that was killed before its exit handler ran.
/// </summary>
internal static class StaleServers
{
    /// <summary>File next to a server's temp directory holding the server's process id.</summary>
    public const string PidFileName = "server.pid";

    private const string Prefix = "shop-testservers-";

    private static int swept;

    /// <summary>Prefix for <see cref="Directory.CreateTempSubdirectory(string)"/>: kind, then the owner's pid.</summary>
    public static string TempPrefix(string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{kind}-{Environment.ProcessId}-");

    /// <summary>Once per process: stop servers whose owning test process is gone, and delete their directories.</summary>
    public static void SweepOnce()
    {
        if (Interlocked.Exchange(ref swept, 1) == 1 || !Directory.Exists("/proc/self"))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            try
            {
                Sweep(directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or already being removed: leave it.
            }
        }
    }

    public static void DeleteQuietly(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leftovers are swept by the next run.
        }
    }

    private static void Sweep(string directory)
    {
        var parts = Path.GetFileName(directory)[Prefix.Length..].Split('-');
        if (parts.Length < 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
            || Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{owner}")))
        {
            return;
        }

        // PostgreSQL first, with an immediate shutdown so it releases its shared memory; then whatever we started.
        Stop(ReadPid(Path.Combine(directory, "data", "postmaster.pid")), directory, "QUIT");
        Stop(ReadPid(Path.Combine(directory, PidFileName)), directory, "KILL");
        Directory.Delete(directory, recursive: true);
    }

    private static void Stop(int? pid, string directory, string signal)
    {
        // Only a process whose working directory is inside this directory: never a recycled pid.
        if (pid is not int id || !RunsIn(id, directory))
        {
            return;
        }

        ChildProcess.TrySignal(id, signal);
        for (var i = 0; i < 100 && RunsIn(id, directory); i++)
        {
            Thread.Sleep(100);
        }

        if (RunsIn(id, directory))
        {
            ChildProcess.TrySignal(id, "KILL");
        }
    }

    private static bool RunsIn(int pid, string directory)
    {
        try
        {
            var cwd = new DirectoryInfo(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/cwd")).LinkTarget;
            return cwd is not null && cwd.StartsWith(directory, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process id on the first line of a pid file such as PostgreSQL's postmaster.pid.</summary>
    public static int? ReadPid(string path)
    {
        try
        {
            var first = File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null;
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
