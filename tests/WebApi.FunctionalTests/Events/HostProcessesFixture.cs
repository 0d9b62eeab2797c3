using System.Globalization;
using System.Runtime.Versioning;
using Npgsql;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Events;

/// <summary>
/// A PostgreSQL and a Redis of their own (<see cref="DedicatedServers"/>: a test may restart them) and a template
/// database, migrated and holding an administrator, made by the host's own verbs (`migrate`, `create-admin`) as an
/// operator makes them. Each test copies the template into a fresh database and runs the built host on it as
/// processes of its own.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class HostProcessesFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@events.test";
    public const string AdminPassword = "events admin password";

    private const string Template = "shop_template";
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(2);

    private DedicatedServers? _servers;

    public DedicatedServers Servers => _servers ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>The built host, as `dotnet run --project src/WebApi` would run it.</summary>
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "Shop.WebApi.dll");

    public async Task InitializeAsync()
    {
        _servers = await DedicatedServers.StartAsync();
        await ExecuteAdminAsync($"CREATE DATABASE {Template}");
        var template = ConnectionStringFor(Template);
        await RunVerbAsync(template, "migrate");
        await RunVerbAsync(template, "create-admin", AdminEmail, "Events Admin");
    }

    public Task DisposeAsync()
    {
        _servers?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A new database, a copy of the template; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "events_" + Guid.NewGuid().ToString("N");
        await ExecuteAdminAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return ConnectionStringFor(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    /// <summary>
    /// The host's environment: <paramref name="database"/>, the Redis, production settings with no request limits in
    /// the way, short relay timings (a lease of 3 s, a webhook timeout of 2 s, retries every second, 20 times), loopback
    /// receivers allowed; then <paramref name="overrides"/>.
    /// </summary>
    public Dictionary<string, string?> HostEnvironment(string database, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["ConnectionStrings__Postgres"] = database,
            ["ConnectionStrings__PostgresRead"] = null,
            ["ConnectionStrings__Redis"] = Servers.RedisConnectionString,
            ["Shop__RateLimit__PermitsPerMinute"] = "100000",
            ["Shop__Outbox__RelayEnabled"] = "true",
            ["Shop__Outbox__PollInterval"] = "00:00:01",
            ["Shop__Outbox__LeaseDuration"] = "00:00:03",
            ["Shop__Webhooks__Timeout"] = "00:00:02",
            ["Shop__Webhooks__AllowPrivateNetworks"] = "true",
        };
        for (var i = 0; i < 20; i++)
        {
            environment[string.Create(CultureInfo.InvariantCulture, $"Shop__Webhooks__RetrySchedule__{i}")] = "00:00:01";
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Servers.PostgresAdminConnectionString)
        {
            Database = database,
            Pooling = true,
            // A host notices a stopped server quickly.
            Timeout = 2,
        }.ConnectionString;

    private async Task RunVerbAsync(string database, params string[] verb)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var environment = HostEnvironment(database);
        environment["SHOP_ADMIN_PASSWORD"] = AdminPassword;
        var (exitCode, output) = await ChildProcess.RunAsync(dotnet, [HostDll, .. verb], AppContext.BaseDirectory, VerbTimeout, environment);
        Assert.True(exitCode == 0, $"{string.Join(' ', verb)} exited with {exitCode}:\n{output}");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(Servers.PostgresAdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The classes that run hosts as processes and restart their servers run one after another, and alone: their time
/// budgets (leases, retries) must not depend on the load of the other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostProcessesGroup : ICollectionFixture<HostProcessesFixture>
{
    public const string Name = "Host processes";
}
