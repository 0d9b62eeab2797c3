using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Shop.Benchmarks;

/// <summary>
/// The hot routes end to end, one request at a time: what a request costs in the host and the servers,
/// without the network. Run in process so the servers start once for all benchmarks.
/// </summary>
[Config(typeof(Settings))]
public class ApiBenchmarks
{
    private BenchmarkHost _host = null!;
    private Uri _product = null!;
    private object _order = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = new BenchmarkHost();
        await _host.StartAsync(catalogSize: 500);
        _product = new Uri($"/api/products/{_host.ProductId}", UriKind.Relative);
        _order = new { items = new[] { new { productId = _host.ProductId, quantity = 1 } } };
    }

    [GlobalCleanup]
    public Task CleanUpAsync() => _host.StopAsync();

    /// <summary>Cache-aside hit: one Redis GET, no database.</summary>
    [Benchmark]
    public Task<string> GetProduct() => ReadAsync(_product);

    /// <summary>A page of 20 out of 500 products matching the search, counted and projected with no tracking.</summary>
    [Benchmark]
    public Task<string> SearchProducts() => ReadAsync(new Uri("/api/products?search=oak&pageSize=20", UriKind.Relative));

    /// <summary>Bearer session lookup plus the cached profile.</summary>
    [Benchmark]
    public Task<string> GetCurrentUser() => ReadAsync(new Uri("/api/users/me", UriKind.Relative));

    /// <summary>A command: validation, a transaction, a product read, an insert of the order and its line.</summary>
    [Benchmark]
    public async Task<string> PlaceOrder()
    {
        using var response = await _host.Customer.PostAsJsonAsync("/api/orders", _order);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> ReadAsync(Uri url)
    {
        using var response = await _host.Customer.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }
}
