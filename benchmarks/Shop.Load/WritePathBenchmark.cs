using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Npgsql;

namespace Shop.Load;

/// <summary>
/// The order flow (N clients each placing an order of two lines and paying it, in a loop) beside pgbench TPC-B, and a
/// burst of payments on one hot product beside the raw guarded decrement, all on the same server in the same run.
/// </summary>
internal static class WritePathBenchmark
{
    private const int CatalogSize = 50;

    // Unmeasured load before each measured phase, as in the read benchmark: the first seconds of a path (and the first
    // refusals of a burst) are spent in the JIT's tiering, and a phase should measure the path, not its warm-up.
    private const int WarmUpSeconds = 3;

    // A burst is short and its refusals run nowhere else, so its code needs more unmeasured bursts than a phase needs
    // seconds: after 3 s of them, one run's measured bursts still rose from 783 to 1,115 payments/s.
    private const int BurstWarmUpSeconds = 10;
    private const int MeasuredBursts = 5;

    public static async Task RunAsync(LoadSettings settings)
    {
        await using var environment = await LoadEnvironment.StartAsync(settings.ApiDll);
        var shop = environment.Shop;
        var catalog = new Guid[CatalogSize];
        for (var i = 0; i < CatalogSize; i++)
        {
            catalog[i] = await shop.CreateProductAsync(string.Create(CultureInfo.InvariantCulture, $"Flow Item {i:D2}"), 1.25m + i, 100_000_000);
        }

        var anchorProduct = await shop.CreateProductAsync("Raw decrement row", 1m, int.MaxValue);
        var customers = await NewCustomersAsync(shop, settings.Clients + settings.HotPayers);

        Figures.Section($"anchors ({settings.Clients} clients, {settings.Seconds} s each)");
        var pgbench = await Anchors.PgbenchTpsAsync(environment.Servers, settings.Clients, settings.Seconds);
        Figures.Print("pgbench TPC-B", pgbench, "tps");
        await using var dataSource = environment.OpenDataSource(settings.Clients);
        var decrements = await Anchors.GuardedDecrementsPerSecondAsync(dataSource, anchorProduct, settings.Clients, settings.Seconds);
        Figures.Print("raw guarded decrement, one row", decrements, "updates/s");

        Figures.Section($"order flow: {settings.Clients} clients, place 2 lines + pay, {settings.Seconds} s");
        await OrderFlowAsync(shop, customers[..settings.Clients], catalog, WarmUpSeconds);
        var logLinesBefore = environment.Api.OutputLines;
        var flow = await OrderFlowAsync(shop, customers[..settings.Clients], catalog, settings.Seconds);
        Figures.Print("paid orders", flow.PaidPerSecond, "orders/s");
        Figures.Print("refused payments (409)", flow.Refused, "");
        Figures.Print("failed requests", flow.Failed, "");
        Figures.Ratio("paid orders/s ÷ pgbench TPC-B tps", flow.PaidPerSecond, pgbench);
        Figures.Print("API log lines per paid order", (environment.Api.OutputLines - logLinesBefore) / (double)Math.Max(1, flow.Paid), "lines");

        Figures.Section($"hot product: {settings.HotPayers} pending orders of 1 unit, stock {settings.HotStock}, all paid at once; " +
            $"{MeasuredBursts} bursts after {BurstWarmUpSeconds} s of unmeasured ones");
        // The order flow refuses nothing, so a burst's refusals first run here: bursts of the same kind, unmeasured,
        // until the JIT has compiled their path as it will run for good.
        var warmUntil = Stopwatch.GetTimestamp() + (BurstWarmUpSeconds * Stopwatch.Frequency);
        var warmUpBursts = new List<double>();
        do
        {
            warmUpBursts.Add((await HotProductAsync(shop, dataSource, customers[settings.Clients..], settings.HotStock)).PerSecond);
        }
        while (Stopwatch.GetTimestamp() < warmUntil);

        Figures.Print($"unmeasured bursts ({warmUpBursts.Count}), the first", warmUpBursts[0], "payments/s");
        var bursts = new List<Burst>();
        for (var i = 0; i < MeasuredBursts; i++)
        {
            var burst = await HotProductAsync(shop, dataSource, customers[settings.Clients..], settings.HotStock);
            Figures.Print($"burst {i + 1}: payments answered", burst.PerSecond, "payments/s");
            bursts.Add(burst);
        }

        var median = bursts.Select(burst => burst.PerSecond).Order().ElementAt(bursts.Count / 2);
        Figures.Print("payments answered, median burst", median, "payments/s");
        Figures.Ratio("median payments/s ÷ raw guarded decrements/s", median, decrements);
        Figures.Print("paid (200), every burst", bursts.Sum(burst => burst.Paid), "");
        Figures.Print("refused (409), every burst", bursts.Sum(burst => burst.Refused), "");
        Figures.Print("other answers, every burst", bursts.Sum(burst => burst.Other), "");
        Figures.Print("stock left, every burst", bursts.Sum(burst => burst.Left), "units");
        Figures.Print("oversold, every burst", bursts.Sum(burst => Math.Max(0, burst.Paid - settings.HotStock)), "units");
        Console.WriteLine(bursts.All(burst => burst.Paid + burst.Left == settings.HotStock && burst.Left >= 0)
            ? "paid + left = initial stock in every burst: yes"
            : "paid + left = initial stock in every burst: NO");

        Figures.Section("memory");
        Figures.Print("API peak RSS (VmHWM)", environment.Api.PeakRssMiB, "MiB");
    }

    internal static async Task<string[]> NewCustomersAsync(ShopApi shop, int count)
    {
        var customers = new string[count];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                customers[i] = await shop.NewCustomerAsync(LoadEnvironment.Password);
            }
            finally
            {
                gate.Release();
            }
        }));
        return customers;
    }

    internal static async Task<(double PaidPerSecond, long Paid, long Refused, long Failed)> OrderFlowAsync(
        ShopApi shop, string[] clients, Guid[] catalog, int seconds)
    {
        long paid = 0, refused = 0, failed = 0;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (seconds * Stopwatch.Frequency);
        await Task.WhenAll(clients.Select(async token =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var first = RandomNumberGenerator.GetInt32(catalog.Length);
                var second = (first + 1 + RandomNumberGenerator.GetInt32(catalog.Length - 1)) % catalog.Length;
                try
                {
                    var order = await shop.PlaceOrderAsync(token, [(catalog[first], 1), (catalog[second], 2)]);
                    var status = await shop.PayAsync(token, order.Id, order.Total);
                    Interlocked.Increment(ref status == HttpStatusCode.OK ? ref paid : ref status == HttpStatusCode.Conflict ? ref refused : ref failed);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return (paid / Stopwatch.GetElapsedTime(started).TotalSeconds, paid, refused, failed);
    }

    private sealed record Burst(double PerSecond, int Paid, int Refused, int Other, int Left);

    private static async Task<Burst> HotProductAsync(
        ShopApi shop, NpgsqlDataSource dataSource, string[] payers, int stock)
    {
        var product = await shop.CreateProductAsync($"Hot item {Guid.NewGuid():N}", 5m, stock);
        // Placing checks stock but takes none, so every payer can hold a pending order for the last units.
        var orders = await Task.WhenAll(payers.Select(async token => (Token: token, Order: await shop.PlaceOrderAsync(token, [(product, 1)]))));
        var started = Stopwatch.GetTimestamp();
        var statuses = await Task.WhenAll(orders.Select(payer => Task.Run(() => shop.PayAsync(payer.Token, payer.Order.Id, payer.Order.Total))));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await using var command = dataSource.CreateCommand("SELECT stock FROM products WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = product });
        var left = (int)(await command.ExecuteScalarAsync() ?? -1);
        var paid = statuses.Count(status => status == HttpStatusCode.OK);
        var refused = statuses.Count(status => status == HttpStatusCode.Conflict);
        return new Burst(payers.Length / elapsed, paid, refused, payers.Length - paid - refused, left);
    }
}
