using System.Globalization;
using System.Text.RegularExpressions;
using Shop.TestSupport;

namespace Shop.Load;

/// <summary>Runs wrk (the load generator) against one URL and reads its requests per second.</summary>
internal static partial class Wrk
{
    public static async Task<(double RequestsPerSecond, long Non2xx)> RunAsync(Uri url, int connections, int seconds)
    {
        var output = await ChildProcess.RunCheckedAsync(
            "wrk",
            ["-t2", $"-c{connections.ToString(CultureInfo.InvariantCulture)}", $"-d{seconds.ToString(CultureInfo.InvariantCulture)}s", url.ToString()],
            null,
            TimeSpan.FromSeconds(seconds + 60));
        var rate = RequestsPerSecond().Match(output);
        if (!rate.Success)
        {
            throw new InvalidOperationException("wrk printed no Requests/sec: " + output);
        }

        var non2xx = Non2xxLine().Match(output);
        return (
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex Non2xxLine();
}
