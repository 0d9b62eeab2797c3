using System.Diagnostics;
using System.Globalization;

namespace Shop.TestSupport;

/// <summary>
/// A long-running server started by the harness, with the tail of its output kept for error messages,
/// plus small helpers for running short commands.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int MaxLogLines = 300;

    private readonly Process process;
    private readonly Queue<string> log = new();
    private readonly Lock gate = new();

    private ChildProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The exit code once the process has exited; 128 + the signal's number when a signal ended it.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string Log
    {
        get
        {
            lock (gate)
            {
                return log.Count == 0 ? "(no output)" : string.Join('\n', log);
            }
        }
    }

    /// <param name="environment">Variables to set (or, with a null value, remove) for the child only.</param>
    public static ChildProcess Start(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, workingDirectory) };
        ApplyEnvironment(process.StartInfo, environment);
        var child = new ChildProcess(process);
        process.OutputDataReceived += child.OnOutput;
        process.ErrorDataReceived += child.OnOutput;
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits up to <paramref name="grace"/> for the process to end by itself, then kills its whole tree.</summary>
    public void Stop(TimeSpan grace)
    {
        try
        {
            if (!process.HasExited && !process.WaitForExit(grace))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>After the process has exited: waits until its last output lines have reached <see cref="Log"/>.</summary>
    public async Task WaitForOutputAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Something still holds the output open: go on with what arrived.
        }
    }

    public void Dispose()
    {
        Stop(TimeSpan.Zero);
        process.Dispose();
    }

    /// <summary>Runs a short command to completion and returns its exit code and combined output.</summary>
    /// <param name="environment">Variables to set (or, with a null value, remove) for the child only.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, workingDirectory) };
        ApplyEnvironment(process.StartInfo, environment);
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var cts = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{fileName} {string.Join(' ', process.StartInfo.ArgumentList)}' did not finish within {timeout.TotalSeconds:0} s."));
            }
        }

        var output = (await stdout + await stderr).Trim();
        return (process.ExitCode, output);
    }

    /// <summary>Runs a short command and throws, with its output, when it fails.</summary>
    public static async Task<string> RunCheckedAsync(
        string fileName, IReadOnlyList<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        var (exitCode, output) = await RunAsync(fileName, arguments, workingDirectory, timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{fileName} {string.Join(' ', arguments)}' exited with code {exitCode}:\n{output}"));
        }

        return output;
    }

    /// <summary>
    /// Starts a server on a free loopback port and waits until <paramref name="isReady"/> answers true.
    /// Retries on a new port when the server lost the race for the port it was given.
    /// </summary>
    public static async Task<(ChildProcess Server, int Port)> StartOnFreePortAsync(
        string serverName,
        Func<int, (string FileName, IReadOnlyList<string> Arguments)> command,
        string workingDirectory,
        Func<int, Task<bool>> isReady,
        TimeSpan timeout)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var (server, exitLog) = await TryStartOnPortAsync(serverName, command, port, workingDirectory, isReady, timeout);
            if (server is not null)
            {
                return (server, port);
            }

            if (attempt < attempts && exitLog.Contains("Address already in use", StringComparison.Ordinal))
            {
                continue;
            }

            throw ExitedDuringStartup(serverName, command, port, exitLog);
        }
    }

    /// <summary>Starts a server on a given port (a restart, say) and waits until <paramref name="isReady"/> answers true.</summary>
    public static async Task<ChildProcess> StartOnPortAsync(
        string serverName,
        Func<int, (string FileName, IReadOnlyList<string> Arguments)> command,
        int port,
        string workingDirectory,
        Func<int, Task<bool>> isReady,
        TimeSpan timeout)
    {
        var (server, exitLog) = await TryStartOnPortAsync(serverName, command, port, workingDirectory, isReady, timeout);
        return server ?? throw ExitedDuringStartup(serverName, command, port, exitLog);
    }

    /// <summary>Sends a signal (TERM, INT, STOP, CONT, ...) to a process with the system's <c>kill</c>.</summary>
    public static Task SignalAsync(int processId, string signal) =>
        RunCheckedAsync("kill", ["-" + signal, processId.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10));

    /// <summary>The ready server, or null and its last output when it exited during startup.</summary>
    private static async Task<(ChildProcess? Server, string ExitLog)> TryStartOnPortAsync(
        string serverName,
        Func<int, (string FileName, IReadOnlyList<string> Arguments)> command,
        int port,
        string workingDirectory,
        Func<int, Task<bool>> isReady,
        TimeSpan timeout)
    {
        var (fileName, arguments) = command(port);
        var server = Start(fileName, arguments, workingDirectory);
        var clock = Stopwatch.StartNew();
        try
        {
            while (!server.HasExited)
            {
                if (await isReady(port))
                {
                    return (server, string.Empty);
                }

                if (clock.Elapsed > timeout)
                {
                    throw new InvalidOperationException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{serverName} did not accept connections on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s "
                        + $"('{fileName} {string.Join(' ', arguments)}'). Server log:\n{server.Log}"));
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
        return (null, log);
    }

    private static InvalidOperationException ExitedDuringStartup(
        string serverName, Func<int, (string FileName, IReadOnlyList<string> Arguments)> command, int port, string log)
    {
        var (fileName, arguments) = command(port);
        return new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture,
            $"{serverName} exited during startup on 127.0.0.1:{port} ('{fileName} {string.Join(' ', arguments)}'). Server log:\n{log}"));
    }

    /// <summary>The first executable named <paramref name="name"/> on PATH, then in <paramref name="extraDirectories"/>.</summary>
    public static string? FindExecutable(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(extraDirectories);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>True when this process runs with effective user id 0.</summary>
    public static async Task<bool> IsRootAsync()
    {
        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return true;
        }

        var (exitCode, output) = await RunAsync("id", ["-u"], null, TimeSpan.FromSeconds(10));
        return exitCode == 0 && string.Equals(output, "0", StringComparison.Ordinal);
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static void ApplyEnvironment(ProcessStartInfo info, IReadOnlyDictionary<string, string?>? environment)
    {
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (gate)
        {
            log.Enqueue(e.Data);
            while (log.Count > MaxLogLines)
            {
                log.Dequeue();
            }
        }
    }
}
