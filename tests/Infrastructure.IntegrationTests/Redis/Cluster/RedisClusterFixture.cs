using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.TestSupport;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>
/// The Infrastructure services built by <see cref="DependencyInjection.AddInfrastructure"/> with
/// ConnectionStrings:Redis listing the three masters of this process's <see cref="LocalRedisCluster"/>.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private ServiceProvider? _services;
    private ConnectionMultiplexer? _admin;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public IConnectionMultiplexer Redis => Services.GetRequiredService<IConnectionMultiplexer>();

    /// <summary>The cluster as a whole: each command goes to the master that owns its key's slot.</summary>
    public IDatabase Database => Redis.GetDatabase();

    private ConnectionMultiplexer Admin => _admin ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        var cluster = await LocalRedisCluster.GetAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Required by AddInfrastructure; the Redis adapters under test never open it.
                ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
                ["ConnectionStrings:Redis"] = cluster.ConnectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        _admin = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString + ",allowAdmin=true");

        // AbortOnConnectFail is off: wait until the client has read the slot map, so that no test runs on a partial one.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Redis.GetServers().Count(server => server.IsConnected) < LocalRedisCluster.Masters)
        {
            await Task.Delay(50, guard.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    /// <summary>The slot of <paramref name="key"/> as the cluster itself computes it (CLUSTER KEYSLOT).</summary>
    public async Task<int> KeySlotAsync(string key)
    {
        var answer = await Admin.GetServers()[0].ExecuteAsync("CLUSTER", "KEYSLOT", key);
        return (int)answer;
    }

    /// <summary>The master that owns <paramref name="key"/>'s slot, as the cluster's own slot map says.</summary>
    public async Task<EndPoint> OwnerAsync(string key)
    {
        var slot = await KeySlotAsync(key);
        var owner = Admin.GetServers()[0].ClusterConfiguration?.GetBySlot(slot)
            ?? throw new InvalidOperationException($"The cluster map has no owner for slot {slot}.");
        return owner.EndPoint ?? throw new InvalidOperationException($"The owner of slot {slot} has no endpoint.");
    }
}

/// <summary>The test classes that share one cluster-connected service provider.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisCluster : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
