using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;

namespace Shop.TestSupport;

/// <summary>
/// The built API host (<c>dotnet Shop.WebApi.dll</c>) run as a process of its own, the way an operator runs it:
/// configured by environment variables only, on a loopback port. It can be killed with SIGKILL (no shutdown code
/// runs, nothing is flushed) and started again on the same port with the same settings. A watchdog stops it when the
/// test host dies first.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class HostProcess : IDisposable
{
    private const int SigKill = 9;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly DirectoryInfo root;
    private readonly Watchdog watchdog;
    private readonly string hostDll;
    private readonly Dictionary<string, string?> environment;
    private ChildProcess? server;
    private int port;
    private int disposed;

    private HostProcess(DirectoryInfo root, Watchdog watchdog, string hostDll, IReadOnlyDictionary<string, string?> environment)
    {
        this.root = root;
        this.watchdog = watchdog;
        this.hostDll = hostDll;
        this.environment = new Dictionary<string, string?>(environment);
    }

    /// <summary>Where the host listens: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));

    /// <summary>The process id of the running host.</summary>
    public int ProcessId => Running.Id;

    /// <summary>True while the started host process has not exited.</summary>
    public bool IsRunning => server is { HasExited: false };

    /// <summary>The last lines the host wrote (its console log), also of a killed one.</summary>
    public string Log => server?.Log ?? "(not started)";

    private ChildProcess Running => server ?? throw new InvalidOperationException("The host is not running.");

    /// <summary>
    /// Starts <paramref name="hostDll"/> with <paramref name="environment"/> (a null value removes the variable the test
    /// process has) on a free loopback port, and waits until <c>/health/ready</c> answers 200.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string hostDll, IReadOnlyDictionary<string, string?> environment)
    {
        var root = Directory.CreateTempSubdirectory("shop-host-");
        var watchdog = Watchdog.Start(root.FullName);
        var host = new HostProcess(root, watchdog, hostDll, environment);
        try
        {
            await host.StartOnFreePortAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SIGKILL: the process ends at once, in the middle of whatever it does (requests, deliveries, leases held).
    /// Returns when it has exited; fails unless the signal is what ended it.
    /// </summary>
    public async Task KillAsync()
    {
        var running = Running;
        await ChildProcess.SignalAsync(running.Id, "KILL");
        running.Stop(TimeSpan.FromSeconds(10));
        await running.WaitForOutputAsync(TimeSpan.FromSeconds(5));
        if (running.ExitCode != 128 + SigKill)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"The host exited with code {running.ExitCode}, not by SIGKILL. Its log:\n{running.Log}"));
        }
    }

    /// <summary>Starts the host again, after a kill, on the same port with the same settings, but for <paramref name="changes"/>.</summary>
    public async Task StartAgainAsync(IReadOnlyDictionary<string, string?>? changes = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The host is still running.");
        }

        foreach (var (name, value) in changes ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        server?.Dispose();
        server = null;
        server = await StartOnPortAsync(port) ?? throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture, $"The host could not listen again on 127.0.0.1:{port}."));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        server?.Dispose();
        watchdog.Dispose();
        Watchdog.DeleteQuietly(root);
    }

    private async Task StartOnFreePortAsync()
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            port = FreePort.Next();
            server = await StartOnPortAsync(port);
            if (server is not null)
            {
                return;
            }

            if (attempt == attempts)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture, $"The host found no free port in {attempts} attempts."));
            }
        }
    }

    /// <summary>The ready host; null when the port was taken meanwhile; throws when it failed otherwise.</summary>
    private async Task<ChildProcess?> StartOnPortAsync(int listenPort)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{listenPort}");
        var variables = new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = url };
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var process = ChildProcess.Start(dotnet, [hostDll], Path.GetDirectoryName(hostDll)!, variables);
        await Watchdog.WritePidAsync(root.FullName, process.Id);
        var clock = Stopwatch.StartNew();
        try
        {
            while (!process.HasExited)
            {
                if (await IsReadyAsync(new Uri(url + "/health/ready")))
                {
                    return process;
                }

                if (clock.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"The host was not ready on {url} within {StartTimeout.TotalSeconds:0} s. Its log:\n{process.Log}"));
                }

                await Task.Delay(100);
            }
        }
        catch
        {
            process.Dispose();
            throw;
        }

        await process.WaitForOutputAsync(TimeSpan.FromSeconds(5));
        var log = process.Log;
        process.Dispose();
        if (log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        throw new InvalidOperationException($"The host exited during startup on {url}. Its log:\n{log}");
    }

    private static async Task<bool> IsReadyAsync(Uri ready)
    {
        try
        {
            using var response = await Probe.GetAsync(ready);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
