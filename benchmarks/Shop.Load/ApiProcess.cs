using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Shop.Load;

/// <summary>The API (or the bare-Kestrel anchor) as its own process on a loopback port; its output is counted, not kept.</summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private long _outputLines;

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Lines the process wrote to stdout and stderr so far (the API's log lines).</summary>
    public long OutputLines => Interlocked.Read(ref _outputLines);

    /// <summary>Peak resident set size of the process so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return kib / 1024.0;
        }
    }

    public static async Task<ApiProcess> StartAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string readyPath,
        string? workingDirectory = null)
    {
        var port = FreePort();
        var start = NewStartInfo(fileName, arguments, environment);
        start.WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = new Process { StartInfo = start };
        var child = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => child.Count(e.Data);
        process.ErrorDataReceived += (_, e) => child.Count(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await child.WaitUntilAnswersAsync(readyPath);
        return child;
    }

    /// <summary>Runs a verb of the API (migrate, create-admin) to completion.</summary>
    public static async Task RunVerbAsync(string apiDll, IReadOnlyList<string> verb, IReadOnlyDictionary<string, string> environment)
    {
        var start = NewStartInfo("dotnet", [apiDll, .. verb], environment);
        start.WorkingDirectory = Path.GetDirectoryName(apiDll)!;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', verb)}' exited {process.ExitCode}: {await output}{await errors}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static ProcessStartInfo NewStartInfo(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Count(string? line)
    {
        if (line is not null)
        {
            Interlocked.Increment(ref _outputLines);
            lock (_lastLines)
            {
                _lastLines.Enqueue(line);
                if (_lastLines.Count > 20)
                {
                    _lastLines.Dequeue();
                }
            }
        }
    }

    /// <summary>The last 20 lines the process wrote, to show what an unexpected log line said.</summary>
    public IReadOnlyList<string> LastLines()
    {
        lock (_lastLines)
        {
            return [.. _lastLines];
        }
    }

    private async Task WaitUntilAnswersAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before it answered.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{BaseAddress}{path} did not answer 2xx within 60 s.");
    }
}
