using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Shop.TestSupport;

namespace Shop.Load;

/// <summary>What the same servers do without the API, measured in the same run as the API.</summary>
internal static partial class Anchors
{
    /// <summary>pgbench TPC-B (scale 8, so that clients rarely queue on one branch row) on its own database of the same server.</summary>
    public static async Task<double> PgbenchTpsAsync(TestServers servers, int clients, int seconds)
    {
        var connection = new NpgsqlConnectionStringBuilder(await servers.CreateDatabaseAsync("pgbench"));
        try
        {
            string[] target = ["-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!];
            await ChildProcess.RunCheckedAsync("pgbench", ["-i", "-q", "-s", "8", .. target], null, TimeSpan.FromMinutes(5));
            var output = await ChildProcess.RunCheckedAsync(
                "pgbench",
                ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), .. target],
                null,
                TimeSpan.FromSeconds(seconds + 120));
            var tps = TpsLine().Match(output);
            return tps.Success
                ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("pgbench printed no tps: " + output);
        }
        finally
        {
            await servers.DropDatabaseAsync(connection.ConnectionString);
        }
    }

    /// <summary>
    /// <paramref name="clients"/> connections running the payment's guarded decrement on one product row as fast as
    /// they can: the most a hot product can sell on this server.
    /// </summary>
    public static async Task<double> GuardedDecrementsPerSecondAsync(NpgsqlDataSource dataSource, Guid productId, int clients, int seconds)
    {
        var stopAt = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        long done = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock >= 1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = productId } },
            };
            await command.PrepareAsync();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                if (await command.ExecuteNonQueryAsync() == 1)
                {
                    Interlocked.Increment(ref done);
                }
            }
        }));
        return done / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
