using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Shop.Load;

/// <summary>
/// The warm product read beside bare Kestrel serving the same bytes, and the search page beside raw Npgsql running
/// the same statements, each pair measured in the same run with the same concurrency.
/// </summary>
internal static class ReadPathBenchmark
{
    private const int CatalogSize = 500;
    private const string SearchTerm = "oak";
    private const int PageSize = 20;

    // Unmeasured load before each measured phase, the anchors' too: the first seconds of a path are spent in the JIT's
    // tiering (quick code, then optimized code), and a phase should measure the path, not its warm-up.
    private const int WarmUpSeconds = 3;

    // What the API's search page runs on PostgreSQL: the count and the page (name then id) of the same filter.
    private const string CountSql = "SELECT count(*)::int FROM products AS p WHERE p.name ILIKE $1 ESCAPE '\\'";
    private const string PageSql =
        "SELECT p.id, p.name, p.description, p.price, p.stock, p.stock > 0 FROM products AS p " +
        "WHERE p.name ILIKE $1 ESCAPE '\\' ORDER BY p.name, p.id LIMIT $2 OFFSET $3";

    public static async Task RunAsync(LoadSettings settings)
    {
        var connections = settings.Clients * 2;
        await using var environment = await LoadEnvironment.StartAsync(settings.ApiDll);
        var shop = environment.Shop;
        var product = Guid.Empty;
        for (var i = 0; i < CatalogSize; i++)
        {
            product = await shop.CreateProductAsync(string.Create(CultureInfo.InvariantCulture, $"Oak Item {i:D4}"), 9.99m, 1000);
        }

        var productPath = $"/api/products/{product}";
        var body = await shop.GetBytesAsync(productPath);
        var bodyFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(bodyFile, body);
            using var bare = await ApiProcess.StartAsync(
                "dotnet", [typeof(ReadPathBenchmark).Assembly.Location, "bare-kestrel", bodyFile], new Dictionary<string, string>(), "/");

            Figures.Section($"warm product read ({body.Length} bytes): wrk, {connections} connections, {settings.Seconds} s each");
            await Wrk.RunAsync(bare.BaseAddress, connections, WarmUpSeconds);
            var anchor = await Wrk.RunAsync(bare.BaseAddress, connections, settings.Seconds);
            Figures.Print("bare Kestrel, same bytes", anchor.RequestsPerSecond, "req/s");
            await Wrk.RunAsync(new Uri(environment.Api.BaseAddress, productPath), connections, WarmUpSeconds);
            var read = await Wrk.RunAsync(new Uri(environment.Api.BaseAddress, productPath), connections, settings.Seconds);
            Figures.Print("GET /api/products/{id}", read.RequestsPerSecond, "req/s");
            Figures.Print("non-2xx answers", read.Non2xx, "");
            Figures.Ratio("warm product read ÷ bare Kestrel", read.RequestsPerSecond, anchor.RequestsPerSecond);
        }
        finally
        {
            File.Delete(bodyFile);
        }

        var searchPath = $"/api/products?search={SearchTerm}&page=1&pageSize={PageSize}";
        Figures.Section($"search page ({searchPath}): {connections} connections, {settings.Seconds} s each");
        await using var dataSource = environment.OpenDataSource(connections);
        await RawSearchPagesPerSecondAsync(dataSource, connections, WarmUpSeconds);
        var raw = await RawSearchPagesPerSecondAsync(dataSource, connections, settings.Seconds);
        Figures.Print("raw Npgsql, same count + page", raw, "pages/s");
        await Wrk.RunAsync(new Uri(environment.Api.BaseAddress, searchPath), connections, WarmUpSeconds);
        var search = await Wrk.RunAsync(new Uri(environment.Api.BaseAddress, searchPath), connections, settings.Seconds);
        Figures.Print("GET /api/products?search=", search.RequestsPerSecond, "req/s");
        Figures.Print("non-2xx answers", search.Non2xx, "");
        Figures.Ratio("search page ÷ raw Npgsql", search.RequestsPerSecond, raw);

        Figures.Section("memory");
        Figures.Print("API peak RSS (VmHWM)", environment.Api.PeakRssMiB, "MiB");
    }

    private static async Task<double> RawSearchPagesPerSecondAsync(NpgsqlDataSource dataSource, int clients, int seconds)
    {
        var pattern = $"%{SearchTerm}%";
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (seconds * Stopwatch.Frequency);
        long pages = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using (var count = new NpgsqlCommand(CountSql, connection) { Parameters = { new() { Value = pattern } } })
                {
                    await count.ExecuteScalarAsync();
                }

                await using var page = new NpgsqlCommand(PageSql, connection)
                {
                    Parameters = { new() { Value = pattern }, new() { Value = PageSize }, new() { Value = 0 } },
                };
                await using var reader = await page.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    _ = reader.GetGuid(0);
                    _ = reader.GetString(1);
                }

                Interlocked.Increment(ref pages);
            }
        }));
        return pages / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
