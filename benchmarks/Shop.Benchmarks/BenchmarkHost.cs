using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Catalog.CreateProduct;
using Shop.Application.Identity.RegisterUser;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Persistence;
using Shop.TestSupport;

namespace Shop.Benchmarks;

/// <summary>
/// The whole host in process (routing, auth, rate limit, mediator pipeline, EF Core, Redis) against the real
/// PostgreSQL and Redis that the test harness starts, with a catalog and a logged-in customer.
/// </summary>
internal sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    private const string AdminEmail = "admin@bench.test";
    private const string Password = "benchmark password";

    private TestServers _servers = null!;
    private string _postgres = null!;
    private RedisDatabaseClaim _redisDatabase = null!;

    public HttpClient Customer { get; private set; } = null!;

    public Guid ProductId { get; private set; }

    public async Task StartAsync(int catalogSize)
    {
        _servers = await TestServers.GetAsync();
        _postgres = await _servers.CreateDatabaseAsync("benchmarks");
        _redisDatabase = await _servers.ClaimRedisDatabaseAsync();

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.MigrateAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new RegisterUserCommand(AdminEmail, "Admin", Password, AsAdministrator: true));
        for (var i = 0; i < catalogSize; i++)
        {
            var product = await sender.Send(new CreateProductCommand(
                string.Create(CultureInfo.InvariantCulture, $"Oak Item {i:D4}"), "A benchmark product.", 9.99m, int.MaxValue));
            ProductId = product.Id;
        }

        Customer = await LogInAsync($"customer-{Guid.NewGuid():N}@bench.test");
    }

    public async Task StopAsync()
    {
        Customer.Dispose();
        await DisposeAsync();
        await _servers.DropDatabaseAsync(_postgres);
        await _redisDatabase.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSolutionRelativeContentRoot("src/WebApi", "Shop.sln");
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:Postgres", _postgres);
        builder.UseSetting("ConnectionStrings:Redis", _servers.RedisConnectionStringFor(_redisDatabase.Index));
        builder.UseSetting("Shop:RateLimit:PermitsPerMinute", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private async Task<HttpClient> LogInAsync(string email)
    {
        var client = CreateClient();
        using (var registered = await client.PostAsJsonAsync("/api/users", new { email, name = "Customer", password = Password }))
        {
            registered.EnsureSuccessStatusCode();
        }

        using var login = await client.PostAsJsonAsync("/api/sessions", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        using var session = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.RootElement.GetProperty("token").GetString());
        return client;
    }
}
