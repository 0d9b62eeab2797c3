using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>
/// Administrators by record (issue 20, finding 1): registering an e-mail before the operator lists it in
/// `Shop:Admins` used to make that account an administrator with the token it already held. The list grants nothing
/// now; only the `seed` and `create-admin` verbs create administrators, and never out of an existing account.
/// </summary>
public sealed class AdministratorTests : IClassFixture<ShopApiFactory>
{
    private const string ListedEmail = "ops@example.com";
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(2);

    private readonly ShopApiFactory _factory;

    public AdministratorTests(ShopApiFactory factory) => _factory = factory;

    [Fact]
    public async Task A_self_registered_account_stays_a_customer_when_a_restarted_host_lists_its_email_and_create_admin_refuses_it()
    {
        var squatter = await _factory.RegisterAndLogInAsync(ListedEmail, "Mallory");
        var logs = new CapturingLoggerProvider();
        var listed = ShopApiFactory.Create(_factory, new Dictionary<string, string?> { ["Shop:Admins:0"] = ListedEmail.ToUpperInvariant() });
        await listed.InitializeAsync();
        try
        {
            await using var host = listed.WithWebHostBuilder(builder =>
                builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
            using var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", squatter.Token);

            using (var forbidden = await client.PostAsJsonAsync("/api/products", new { name = "Squatted", price = 1m, stock = 1 }))
            {
                await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
            }

            var warning = Assert.Single(logs.Entries, entry => entry.Message.StartsWith("Shop:Admins is ignored", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains("it lists 1 e-mails", warning.Message, StringComparison.Ordinal);
            Assert.Contains("1 of them have an account that is self-registered; not an administrator: [" + ListedEmail + "]", warning.Message, StringComparison.Ordinal);

            var (exitCode, output) = await RunVerbAsync(["create-admin", ListedEmail, "Ops"]);
            Assert.True(exitCode == 1, output);
            Assert.Contains($"an account with {ListedEmail} already exists; an existing account is never made an administrator", output, StringComparison.Ordinal);

            // Neither a fresh login nor the old token is an administrator's.
            var again = await _factory.LogInAsync(ListedEmail);
            using var stillForbidden = await again.Client.PostAsJsonAsync("/api/products", new { name = "Squatted", price = 1m, stock = 1 });
            await stillForbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            await ((IAsyncLifetime)listed).DisposeAsync();
        }
    }

    [Fact]
    public async Task An_administrator_created_by_create_admin_manages_the_catalog_without_being_listed()
    {
        const string email = "lead@example.com";

        var (exitCode, output) = await RunVerbAsync(["create-admin", email, "Lead"]);

        Assert.True(exitCode == 0, output);
        await AssertManagesTheCatalogAsync(email);
    }

    [Fact]
    public async Task The_demo_administrator_created_by_seed_manages_the_catalog_without_being_listed()
    {
        var (exitCode, output) = await RunVerbAsync(["seed"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Demo admin: admin@shop.local", output, StringComparison.Ordinal);
        await AssertManagesTheCatalogAsync("admin@shop.local");
    }

    private async Task AssertManagesTheCatalogAsync(string email)
    {
        var admin = await _factory.LogInAsync(email);
        using var created = await admin.Client.PostAsJsonAsync("/api/products", new { name = $"By {email}", price = 2m, stock = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>A verb as the operator runs it, on this class's database and Redis database, with the shared test password.</summary>
    private async Task<(int ExitCode, string Output)> RunVerbAsync(string[] arguments)
    {
        var servers = await TestServers.GetAsync();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Postgres"] = _factory.DatabaseConnectionString,
            ["ConnectionStrings__PostgresRead"] = null,
            ["ConnectionStrings__Redis"] = servers.RedisConnectionStringFor(_factory.RedisDatabaseIndex),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SHOP_ADMIN_PASSWORD"] = ShopApiFactory.Password,
            ["SHOP_DEMO_ADMIN_PASSWORD"] = ShopApiFactory.Password,
        };
        return await ChildProcess.RunAsync(
            dotnet, [Path.Combine(AppContext.BaseDirectory, "Shop.WebApi.dll"), .. arguments], AppContext.BaseDirectory, VerbTimeout, environment);
    }
}
