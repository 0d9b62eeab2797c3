using System.Diagnostics;

namespace Shop.TestSupport;

/// <summary>
/// A small <c>sh</c> process that waits for its standard input to close, which happens when this process closes it
/// or dies in any way (even killed before its exit handlers run), and then stops the servers whose process ids are
/// in its directory and deletes the directory. Test hosts are often killed right after the last test, so the
/// exit handler alone cannot be relied on to clean up.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    /// <summary>File in a watched directory holding the id of the server process started there.</summary>
    public const string PidFileName = "server.pid";

    // $1: the directory. First PostgreSQL's postmaster, with an immediate shutdown (QUIT) that releases its shared
    // memory; then the process we started (for PostgreSQL run as root that is runuser, which exits by itself once
    // the postmaster has); then whatever is left is killed. A zombie counts as gone. CONT wakes a server a test paused
    // (SIGSTOP), which would otherwise hold the signal until the kill.
    private const string Script = """
        exec >/dev/null 2>&1
        dir=$1
        while read -r _; do :; done
        alive() {
          if [ -r "/proc/$1/stat" ]; then
            case $(sed 's/.*) //' "/proc/$1/stat") in Z*|X*|'') return 1 ;; esac
            return 0
          fi
          kill -0 "$1"
        }
        stop() {
          pid=$(head -n 1 "$dir/$1")
          case $pid in ''|*[!0-9]*) return ;; esac
          alive "$pid" || return
          kill -"$2" "$pid"
          kill -CONT "$pid"
          i=0
          while alive "$pid" && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
          alive "$pid" && kill -KILL "$pid"
        }
        stop data/postmaster.pid QUIT
        stop server.pid TERM
        rm -rf -- "$dir"
        """;

    private readonly Process process;

    private Watchdog(Process process) => this.process = process;

    public static Watchdog Start(string directory)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in new[] { "-c", Script, "shop-testservers-watchdog", directory })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)
            ?? throw new InvalidOperationException("Could not start /bin/sh for the test server watchdog.");
        return new Watchdog(process);
    }

    /// <summary>Writes the id of the server started in <paramref name="directory"/> for the watchdog to stop.</summary>
    public static Task WritePidAsync(string directory, int pid) =>
        File.WriteAllTextAsync(Path.Combine(directory, PidFileName), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Deletes a directory, leaving it when that fails (the watchdog deletes it too).</summary>
    public static void DeleteQuietly(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    /// <summary>Closes the watchdog's standard input: it stops the servers and deletes the directory.</summary>
    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
