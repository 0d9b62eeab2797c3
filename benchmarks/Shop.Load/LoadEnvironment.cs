using Npgsql;
using Shop.TestSupport;

namespace Shop.Load;

/// <summary>
/// A fresh database and Redis database on the servers the test harness starts by itself (local binaries on free
/// loopback ports), the migrated schema, an administrator and the API serving on them.
/// </summary>
internal sealed class LoadEnvironment : IAsyncDisposable
{
    public const string AdminEmail = "admin@load.test";
    public const string Password = "load benchmark password";

    private readonly RedisDatabaseClaim _redisDatabase;

    private LoadEnvironment(TestServers servers, string postgres, RedisDatabaseClaim redisDatabase, ApiProcess api, ShopApi shop)
    {
        Servers = servers;
        Postgres = postgres;
        _redisDatabase = redisDatabase;
        Api = api;
        Shop = shop;
    }

    public TestServers Servers { get; }

    /// <summary>Connection string to the API's database.</summary>
    public string Postgres { get; }

    public ApiProcess Api { get; }

    public ShopApi Shop { get; }

    public static async Task<LoadEnvironment> StartAsync(string apiDll, IReadOnlyDictionary<string, string>? settings = null)
    {
        var servers = await TestServers.GetAsync();
        var postgres = await servers.CreateDatabaseAsync("load");
        var redisDatabase = await servers.ClaimRedisDatabaseAsync();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__Redis"] = $"{servers.RedisConnectionString},defaultDatabase={redisDatabase.Index}",
            ["SHOP_ADMIN_PASSWORD"] = Password,
            // The benchmark's clients all come from 127.0.0.1: the per-IP limits would measure themselves.
            ["Shop__RateLimit__PermitsPerMinute"] = "100000000",
            ["Shop__RegistrationThrottle__PermitsPerWindow"] = "1000000",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var apiDirectory = Path.GetDirectoryName(apiDll)!;
        await ApiProcess.RunVerbAsync(apiDll, ["migrate"], environment);
        await ApiProcess.RunVerbAsync(apiDll, ["create-admin", AdminEmail, "Load Admin"], environment);
        var api = await ApiProcess.StartAsync("dotnet", [apiDll], environment, "/health/ready", apiDirectory);
        var shop = new ShopApi(api.BaseAddress);
        await shop.LogInAdminAsync(AdminEmail, Password);
        return new LoadEnvironment(servers, postgres, redisDatabase, api, shop);
    }

    public NpgsqlDataSource OpenDataSource(int maxConnections) =>
        new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(Postgres) { MaxPoolSize = maxConnections }.ConnectionString).Build();

    public async ValueTask DisposeAsync()
    {
        Shop.Dispose();
        Api.Dispose();
        NpgsqlConnection.ClearAllPools();
        await Servers.DropDatabaseAsync(Postgres);
        await _redisDatabase.DisposeAsync();
    }
}
