using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using Npgsql;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// The real host on servers of its own (<see cref="DedicatedServers"/>), which its tests stop, start, pause and
/// resume while it serves. Short client timeouts, set through the connection strings the host already reads,
/// keep an outage test quick.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class OwnServersShopApiFactory : ShopApiFactory
{
    /// <summary>StackExchange.Redis' asyncTimeout/syncTimeout for the host: how long a command waits on a stalled Redis.</summary>
    public static readonly TimeSpan RedisCommandTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long a restarted server may take until the host's readiness says so by itself.</summary>
    public static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(20);

    private const int DatabaseConnectTimeoutSeconds = 2;

    private DedicatedServers? _servers;

    public DedicatedServers Servers => _servers ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>What the host logged, through its own log filters.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    protected override async Task<HostStorage> CreateStorageAsync()
    {
        _servers = await DedicatedServers.StartAsync();
        await using (var admin = new NpgsqlConnection(_servers.PostgresAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE shop", admin);
            await create.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(_servers.PostgresAdminConnectionString)
        {
            Database = "shop",
            Timeout = DatabaseConnectTimeoutSeconds,
        }.ConnectionString;
        var timeout = ((int)RedisCommandTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var redis = $"{_servers.RedisConnectionString},allowAdmin=true,connectTimeout={timeout},asyncTimeout={timeout},syncTimeout={timeout}";
        var servers = _servers;
        return new HostStorage(database, redis, RedisDatabaseIndex: 0, () =>
        {
            servers.Dispose();
            return Task.CompletedTask;
        });
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(
            builder, services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(services, Logs));
    }

    /// <summary>Polls /health/ready until it answers 200; fails with its last answer after <see cref="RecoveryDeadline"/>.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var client = CreateAnonymousClient();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(
                clock.Elapsed < RecoveryDeadline,
                $"/health/ready still answers {(int)ready.StatusCode} {RecoveryDeadline.TotalSeconds} s after the restart.");
            await Task.Delay(100);
        }
    }
}

/// <summary>
/// The classes that stop and pause the shared <see cref="OwnServersShopApiFactory"/>'s servers run one after another,
/// and alone: their time budgets must not depend on the load of the other tests, nor the others' on their servers' starts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OwnServersGroup : ICollectionFixture<OwnServersShopApiFactory>
{
    public const string Name = "Own servers";
}
