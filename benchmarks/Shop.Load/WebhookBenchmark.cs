using System.Globalization;
using Npgsql;

namespace Shop.Load;

/// <summary>
/// The order flow without and with one webhook subscription to every event, alternated in the same run, and the
/// delivery lag under that load: from the event's timestamp (written just before its COMMIT) to the receiver.
/// </summary>
internal static class WebhookBenchmark
{
    private const int CatalogSize = 50;
    private const int WarmUpSeconds = 3;
    private const int Pairs = 2;

    public static async Task RunAsync(LoadSettings settings)
    {
        await using var environment = await LoadEnvironment.StartAsync(settings.ApiDll, new Dictionary<string, string>
        {
            // The receiver listens on 127.0.0.1.
            ["Shop__Webhooks__AllowPrivateNetworks"] = "true",
        });
        var shop = environment.Shop;
        var catalog = new Guid[CatalogSize];
        for (var i = 0; i < CatalogSize; i++)
        {
            catalog[i] = await shop.CreateProductAsync(string.Create(CultureInfo.InvariantCulture, $"Hooked Item {i:D2}"), 1.25m + i, 100_000_000);
        }

        var customers = await WritePathBenchmark.NewCustomersAsync(shop, settings.Clients);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var dataSource = environment.OpenDataSource(2);

        Figures.Section($"order flow without and with one subscription to \"*\": {settings.Clients} clients, {settings.Seconds} s each, {Pairs} pairs");
        await WritePathBenchmark.OrderFlowAsync(shop, customers, catalog, WarmUpSeconds);
        Guid? subscription = null;
        for (var pair = 1; pair <= Pairs; pair++)
        {
            var without = await WritePathBenchmark.OrderFlowAsync(shop, customers, catalog, settings.Seconds);
            Figures.Print($"pair {pair}, no subscription: paid orders", without.PaidPerSecond, "orders/s");

            subscription = await shop.SubscribeAsync(receiver.Address, ["*"]);
            await WritePathBenchmark.OrderFlowAsync(shop, customers, catalog, WarmUpSeconds);
            await DrainAsync(dataSource);
            receiver.Reset();
            var linesBefore = environment.Api.OutputLines;
            var with = await WritePathBenchmark.OrderFlowAsync(shop, customers, catalog, settings.Seconds);
            Figures.Print($"pair {pair}, one subscription: paid orders", with.PaidPerSecond, "orders/s");
            Figures.Ratio($"pair {pair}, with ÷ without", with.PaidPerSecond, without.PaidPerSecond);
            Figures.Print($"pair {pair}, failed requests (both phases)", without.Failed + with.Failed, "");

            var drained = await DrainAsync(dataSource);
            var (median, p99, count) = receiver.Lag();
            Figures.Print($"pair {pair}, deliveries received", count, "");
            Figures.Print($"pair {pair}, delivery lag, median", median, "ms");
            Figures.Print($"pair {pair}, delivery lag, p99", p99, "ms");
            Figures.Print($"pair {pair}, time to drain after the load", drained.TotalMilliseconds, "ms");
            Figures.Print($"pair {pair}, deliveries that took more than one attempt", await ScalarAsync(dataSource, "SELECT count(*) FROM webhook_deliveries WHERE attempts > 1"), "");
            Figures.Print($"pair {pair}, API log lines while measured and drained", environment.Api.OutputLines - linesBefore, "lines");
            await shop.UnsubscribeAsync(subscription.Value);
        }

        Figures.Print("deliveries received, all; distinct webhook-ids", receiver.Received, $"({receiver.Distinct} distinct)");
        Figures.Print("deliveries not delivered (pending or failed)", await ScalarAsync(dataSource, "SELECT count(*) FROM webhook_deliveries WHERE state <> 'delivered'"), "");
        foreach (var line in environment.Api.LastLines())
        {
            Console.WriteLine($"  api> {line}");
        }

        Figures.Section("memory");
        Figures.Print("API peak RSS (VmHWM)", environment.Api.PeakRssMiB, "MiB");
    }

    // Waits until no delivery is pending, so a phase's lag is measured from a drained outbox; returns how long it took.
    private static async Task<TimeSpan> DrainAsync(NpgsqlDataSource dataSource)
    {
        var started = DateTime.UtcNow;
        while (await ScalarAsync(dataSource, "SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'") > 0)
        {
            if (DateTime.UtcNow - started > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("Deliveries were still pending 5 minutes after the load.");
            }

            await Task.Delay(50);
        }

        return DateTime.UtcNow - started;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
