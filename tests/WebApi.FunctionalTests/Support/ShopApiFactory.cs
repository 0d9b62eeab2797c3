using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Persistence;
using Shop.TestSupport;
using StackExchange.Redis;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// The real host on a TestServer, with its own fresh PostgreSQL database and its own Redis database, or those of
/// another factory (another instance of the same deployment, see <see cref="TwoHostsFactory"/>).
/// One per test class (IClassFixture); users and products it creates are shared by the class's tests.
/// </summary>
public class ShopApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@functional.test";
    public const string Password = "correct horse battery staple";

    private readonly Lazy<Task<TestUser>> _admin;
    private readonly Lazy<Task<TestUser>> _customer;
    private readonly SemaphoreSlim _poolGate = new(1, 1);
    private readonly List<TestUser> _pool = [];
    private readonly ShopApiFactory? _sharesStoresWith;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private HostStorage? _storage;
    private ConnectionMultiplexer? _redis;

    public ShopApiFactory() : this(null, new Dictionary<string, string?>())
    {
    }

    /// <param name="sharesStoresWith">
    /// An initialized factory whose PostgreSQL database and Redis database this host uses too (that factory migrated
    /// the database and drops it); null for stores of its own.
    /// </param>
    /// <param name="settings">Host settings over the test defaults; a null value leaves the key to the application's own default.</param>
    protected ShopApiFactory(ShopApiFactory? sharesStoresWith, IReadOnlyDictionary<string, string?> settings)
    {
        _sharesStoresWith = sharesStoresWith;
        _settings = settings;
        _admin = new(CreateAdministratorAsync, LazyThreadSafetyMode.ExecutionAndPublication);
        _customer = new(() => NewUserAsync("Shared Customer"), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A host with these settings, on stores of its own or on those of <paramref name="sharesStoresWith"/>.</summary>
    /// <remarks>Not a public constructor: a class fixture may have only one.</remarks>
    public static ShopApiFactory Create(ShopApiFactory? sharesStoresWith, IReadOnlyDictionary<string, string?> settings) =>
        new(sharesStoresWith, settings);

    /// <summary>The Redis database index this factory's host uses.</summary>
    public int RedisDatabaseIndex { get; private set; }

    /// <summary>The host's database, for reading or changing it with a connection of the test's own.</summary>
    public string DatabaseConnectionString => (_storage ?? throw new InvalidOperationException("Not initialized.")).PostgresConnectionString;

    /// <summary>The Redis database the host uses, for checking keys and TTLs.</summary>
    public IDatabase Redis => _redis?.GetDatabase(RedisDatabaseIndex) ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Shop:RateLimit:PermitsPerMinute of this host.</summary>
    protected virtual int PermitsPerMinute => 100_000;

    /// <summary>
    /// Host settings over the test defaults (which let the shared tests log in wrongly and register at will); a null
    /// value leaves the key to the application's own default.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => _settings;

    public async Task InitializeAsync()
    {
        if (_sharesStoresWith is { } primary)
        {
            var shared = primary._storage ?? throw new InvalidOperationException("The factory whose stores are shared is not initialized.");
            // The primary factory migrated the stores and gives them back.
            _storage = shared with { ReleaseAsync = () => Task.CompletedTask };
            RedisDatabaseIndex = _storage.RedisDatabaseIndex;
            _redis = await ConnectionMultiplexer.ConnectAsync(_storage.RedisConnectionString);
            return;
        }

        _storage = await CreateStorageAsync();
        RedisDatabaseIndex = _storage.RedisDatabaseIndex;
        _redis = await ConnectionMultiplexer.ConnectAsync(_storage.RedisConnectionString);

        // Outside Development the host never migrates on its own: do what the `migrate` verb does.
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.MigrateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        _poolGate.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_storage is not null)
        {
            await _storage.ReleaseAsync();
        }
    }

    /// <summary>
    /// The host's database and Redis database: by default a fresh database and a claimed Redis database on the
    /// process-wide <see cref="TestServers"/>.
    /// </summary>
    protected virtual async Task<HostStorage> CreateStorageAsync()
    {
        var servers = await TestServers.GetAsync();
        var postgres = await servers.CreateDatabaseAsync("webapi_functional");
        var redisDatabase = await servers.ClaimRedisDatabaseAsync();
        return new HostStorage(postgres, servers.RedisConnectionStringFor(redisDatabase.Index), redisDatabase.Index, async () =>
        {
            await redisDatabase.DisposeAsync();
            await servers.DropDatabaseAsync(postgres);
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (_storage is null)
        {
            throw new InvalidOperationException("InitializeAsync must run before the host is built.");
        }

        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", _storage.PostgresConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", _storage.RedisConnectionString);
        builder.UseSetting("Shop:RateLimit:PermitsPerMinute", PermitsPerMinute.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Shop:LoginThrottle:MaxFailures", "1000000");
        builder.UseSetting("Shop:LoginThrottle:MaxFailuresPerAddress", "1000000");
        builder.UseSetting("Shop:RegistrationThrottle:PermitsPerWindow", "1000000");
        // Deliveries are the webhook tests' own (WebhookReceiverFactory turns the relay on); the other tests' hosts stay quiet.
        builder.UseSetting("Shop:Outbox:RelayEnabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientIpStartupFilter>());
    }

    /// <summary>An anonymous client; <paramref name="clientIp"/> becomes the request's remote address.</summary>
    public HttpClient CreateAnonymousClient(string? clientIp = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (clientIp is not null)
        {
            client.DefaultRequestHeaders.Add(ClientIpStartupFilter.Header, clientIp);
        }

        return client;
    }

    /// <summary>The catalog administrator (registered once per factory).</summary>
    public Task<TestUser> AdminAsync() => _admin.Value;

    /// <summary>A customer shared by the tests of a class that do not depend on its orders or profile.</summary>
    public Task<TestUser> CustomerAsync() => _customer.Value;

    /// <summary>
    /// <paramref name="count"/> customers of a pool the tests of a class share (registering is slow by design);
    /// missing ones are registered in parallel.
    /// </summary>
    public async Task<IReadOnlyList<TestUser>> UserPoolAsync(int count)
    {
        await _poolGate.WaitAsync();
        try
        {
            var missing = count - _pool.Count;
            if (missing > 0)
            {
                _pool.AddRange(await Task.WhenAll(Enumerable.Range(0, missing).Select(_ => NewUserAsync("Pooled Customer"))));
            }

            return _pool.Take(count).ToList();
        }
        finally
        {
            _poolGate.Release();
        }
    }

    /// <summary>A new customer with a unique e-mail, logged in.</summary>
    public Task<TestUser> NewUserAsync(string name = "Test Customer") =>
        RegisterAndLogInAsync($"user-{Guid.NewGuid():N}@functional.test", name);

    public async Task<TestUser> RegisterAndLogInAsync(string email, string name)
    {
        using (var client = CreateAnonymousClient())
        using (var registered = await client.PostAsJsonAsync("/api/users", new { email, name, password = Password }))
        {
            Assert.True(
                registered.StatusCode == HttpStatusCode.Created,
                $"Registering {email}: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        }

        return await LogInAsync(email);
    }

    /// <summary>Administrators cannot register through the API; the host creates them by record, as the `create-admin` verb does.</summary>
    private async Task<TestUser> CreateAdministratorAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>()
                .Send(new Shop.Application.Identity.RegisterUser.RegisterUserCommand(AdminEmail, "Admin", Password, AsAdministrator: true));
        }

        return await LogInAsync(AdminEmail);
    }

    /// <summary>A new session of an existing user (whose password is <see cref="Password"/>).</summary>
    public async Task<TestUser> LogInAsync(string email)
    {
        var client = CreateAnonymousClient();
        using var login = await client.PostAsJsonAsync("/api/sessions", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        var session = await login.ReadJsonAsync();
        var token = session.GetProperty("token").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestUser(session.GetProperty("userId").GetGuid(), email, token, client);
    }

    /// <summary>Creates a product as the administrator and returns it as the API answered.</summary>
    public async Task<JsonElement> CreateProductAsync(string? name = null, decimal price = 10m, int stock = 100, string? description = null)
    {
        var admin = await AdminAsync();
        using var response = await admin.Client.PostAsJsonAsync(
            "/api/products", new { name = name ?? $"Product {Guid.NewGuid():N}", description, price, stock });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>The product's current state, read through the API.</summary>
    public async Task<JsonElement> GetProductAsync(Guid id)
    {
        using var client = CreateAnonymousClient();
        using var response = await client.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Places an order for the user and returns it.</summary>
    public static async Task<JsonElement> PlaceOrderAsync(TestUser user, params (Guid ProductId, int Quantity)[] items)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var response = await user.Client.PostAsJsonAsync(
            "/api/orders", new { items = items.Select(item => new { productId = item.ProductId, quantity = item.Quantity }) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}

/// <summary>A factory whose host allows only five requests per IP and minute.</summary>
public sealed class RateLimitedShopApiFactory : ShopApiFactory
{
    public const int Permits = 5;

    protected override int PermitsPerMinute => Permits;
}

/// <summary>A factory whose host allows five requests per IP and minute and trusts the proxies of 10.0.0.0/8.</summary>
public sealed class ProxiedShopApiFactory : ShopApiFactory
{
    public const int Permits = 5;

    protected override int PermitsPerMinute => Permits;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Shop:TrustedProxies:0"] = "10.0.0.0/8" };
}

/// <summary>A factory whose host caches anonymous product responses for a minute: only an eviction ends one in a test.</summary>
public class OutputCachingShopApiFactory : ShopApiFactory
{
    public const string LongExpiration = "00:01:00";

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Shop:OutputCache:ProductExpiration"] = LongExpiration };
}

/// <summary>A factory whose host caches no product responses.</summary>
public sealed class NoOutputCachingShopApiFactory : ShopApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Shop:OutputCache:ProductExpiration"] = "00:00:00" };
}

/// <summary>A factory whose host runs one change at a time and queues none.</summary>
public sealed class OneWriteAtATimeShopApiFactory : ShopApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Shop:ConcurrencyLimiter:PermitLimit"] = "1",
        ["Shop:ConcurrencyLimiter:QueueLimit"] = "0",
    };
}

/// <summary>A factory whose host runs one change at a time and queues one more.</summary>
public sealed class OneWriteQueuedShopApiFactory : ShopApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Shop:ConcurrencyLimiter:PermitLimit"] = "1",
        ["Shop:ConcurrencyLimiter:QueueLimit"] = "1",
    };
}

/// <summary>Where a factory's host keeps its data, and how to give it back when the factory ends.</summary>
public sealed record HostStorage(string PostgresConnectionString, string RedisConnectionString, int RedisDatabaseIndex, Func<Task> ReleaseAsync);

/// <summary>A logged-in user and a client that sends its bearer token.</summary>
public sealed record TestUser(Guid Id, string Email, string Token, HttpClient Client);

/// <summary>TestServer leaves RemoteIpAddress null: take it from a test-only header instead.</summary>
internal sealed class ClientIpStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Ip";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
