using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The quick start's scripts/start.sh, run as a user runs it (bash, configured by SHOP_* variables), from a copy of
/// scripts/ in a temporary directory: whatever it starts there stays out of the repository's own .data/, and has no
/// src/ to build, so a run that gets past the servers ends with "The build failed." instead of serving.
/// A `docker` that always fails comes first on PATH, so the script takes its local-binaries path on every machine.
/// </summary>
public sealed partial class StartScriptTests : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("shop-start-");
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stop = new();

    public StartScriptTests()
    {
        var repository = Repository.Root;
        var scripts = Directory.CreateDirectory(Path.Combine(_root.FullName, "scripts"));
        foreach (var script in new[] { "start.sh", "stop.sh" })
        {
            File.Copy(Path.Combine(repository, "scripts", script), Path.Combine(scripts.FullName, script));
        }

        var shims = Directory.CreateDirectory(Path.Combine(_root.FullName, "shims"));
        var docker = Path.Combine(shims.FullName, "docker");
        File.WriteAllText(docker, "#!/bin/sh\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Theory]
    [InlineData("PostgreSQL", "SHOP_PG_PORT")]
    [InlineData("Redis", "SHOP_REDIS_PORT")]
    [InlineData("API", "SHOP_API_URL")]
    public async Task A_port_held_by_another_program_is_named_with_the_variable_that_picks_another_before_anything_starts(
        string service, string variable)
    {
        var ports = new Dictionary<string, int>
        {
            ["SHOP_PG_PORT"] = FreePort(),
            ["SHOP_REDIS_PORT"] = FreePort(),
            ["SHOP_API_URL"] = FreePort(),
        };
        ports[variable] = Listen(answer: null);

        var (exitCode, output) = await RunStartAsync(ports);

        var taken = ports[variable];
        Assert.True(exitCode != 0, output);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"Port {taken} ({service}) is already in use by another program; stop it or choose another port: "),
            output,
            StringComparison.Ordinal);
        var suggested = SuggestedPort().Match(output[output.IndexOf(variable + "=", StringComparison.Ordinal)..]);
        Assert.True(suggested.Success, output);
        Assert.NotEqual(taken, int.Parse(suggested.Groups["port"].Value, CultureInfo.InvariantCulture));
        Assert.EndsWith("bash scripts/start.sh", output, StringComparison.Ordinal);
        Assert.DoesNotContain("starting local PostgreSQL", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root.FullName, ".data")), "the script created .data/ before refusing:\n" + output);
    }

    [Fact]
    public async Task A_second_start_reuses_the_servers_of_the_first_rather_than_report_their_ports_as_taken()
    {
        Assert.True(
            (ChildProcess.FindExecutable("initdb") is not null || Directory.Exists("/usr/lib/postgresql"))
            && ChildProcess.FindExecutable("redis-server", "/usr/bin") is not null,
            "This test needs the PostgreSQL and Redis server binaries (bash scripts/test.sh installs them).");
        var ports = new Dictionary<string, int>
        {
            ["SHOP_PG_PORT"] = FreePort(),
            ["SHOP_REDIS_PORT"] = FreePort(),
            ["SHOP_API_URL"] = FreePort(),
        };

        var first = await RunStartAsync(ports);
        Assert.True(first.Output.Contains("The build failed.", StringComparison.Ordinal), "the first start did not get past its servers:\n" + first.Output);

        // Now its PostgreSQL and Redis listen on their ports, and an API of its own (one that is live) on the third.
        Listen(answer: "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", ports["SHOP_API_URL"]);
        var second = await RunStartAsync(ports);

        Assert.DoesNotContain("already in use", second.Output, StringComparison.Ordinal);
        Assert.Contains("starting local PostgreSQL", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("could not start server", second.Output, StringComparison.Ordinal);
        Assert.Contains("src/WebApi", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_on_another_PostgreSQL_port_than_the_running_one_says_how_to_stop_it_or_keep_its_port()
    {
        var ports = new Dictionary<string, int>
        {
            ["SHOP_PG_PORT"] = FreePort(),
            ["SHOP_REDIS_PORT"] = FreePort(),
            ["SHOP_API_URL"] = FreePort(),
        };
        var first = await RunStartAsync(ports);
        Assert.True(first.Output.Contains("The build failed.", StringComparison.Ordinal), "the first start did not get past its servers:\n" + first.Output);
        var running = ports["SHOP_PG_PORT"];

        ports["SHOP_PG_PORT"] = FreePort();
        var (exitCode, output) = await RunStartAsync(ports);

        Assert.True(exitCode != 0, output);
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"PostgreSQL from an earlier start runs on port {running}, not {ports["SHOP_PG_PORT"]}; stop it first (bash scripts/stop.sh) or keep its port: SHOP_PG_PORT={running} bash scripts/start.sh"),
            output,
            StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        // stop.sh stops what a start left running here and deletes its data (also under /var/tmp when the postgres user could not reach the copy).
        var (exitCode, output) = ChildProcess.RunAsync("bash", [Path.Combine(_root.FullName, "scripts", "stop.sh"), "--reset"], _root.FullName, ScriptTimeout)
            .GetAwaiter().GetResult();
        _root.Delete(recursive: true);
        _stop.Dispose();
        Assert.True(exitCode == 0, "stop.sh --reset after the test failed:\n" + output);
    }

    private Task<(int ExitCode, string Output)> RunStartAsync(Dictionary<string, int> ports) =>
        ChildProcess.RunAsync(
            "bash",
            [Path.Combine(_root.FullName, "scripts", "start.sh")],
            _root.FullName,
            ScriptTimeout,
            new Dictionary<string, string?>
            {
                ["PATH"] = Path.Combine(_root.FullName, "shims") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["SHOP_PG_PORT"] = ports["SHOP_PG_PORT"].ToString(CultureInfo.InvariantCulture),
                ["SHOP_REDIS_PORT"] = ports["SHOP_REDIS_PORT"].ToString(CultureInfo.InvariantCulture),
                ["SHOP_API_URL"] = string.Create(CultureInfo.InvariantCulture, $"http://localhost:{ports["SHOP_API_URL"]}"),
            });

    /// <summary>A foreign program on a loopback port: it accepts connections and, given an answer, writes it to each.</summary>
    private int Listen(string? answer, int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        _listeners.Add(listener);
        if (answer is not null)
        {
            _ = AnswerAsync(listener, Encoding.ASCII.GetBytes(answer));
        }

        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AnswerAsync(TcpListener listener, byte[] answer)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                using var request = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                await request.ReadLineAsync(_stop.Token);
                await stream.WriteAsync(answer, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // The test is over.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^SHOP_[A-Z_]+=(?:http://localhost:)?(?<port>[0-9]+)")]
    private static partial Regex SuggestedPort();
}
