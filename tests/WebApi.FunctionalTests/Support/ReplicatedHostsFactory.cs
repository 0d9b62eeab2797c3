using Npgsql;
using Shop.TestSupport;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// Two API instances behind no sticky routing, on a PostgreSQL primary of their own and a streaming replica that applies
/// each commit <see cref="ReplicaLag"/> late (<c>ConnectionStrings:PostgresRead</c>), and one Redis database.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReplicatedHostsFactory : IAsyncLifetime
{
    public static readonly TimeSpan ReplicaLag = TimeSpan.FromSeconds(1);

    private LocalReplication? _replication;

    public ShopApiFactory First { get; private set; } = null!;

    public ShopApiFactory Second { get; private set; } = null!;

    public LocalReplication Replication => _replication ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _replication = await LocalReplication.StartAsync(ReplicaLag);
        const string database = "replicated_shop";
        await using (var admin = new NpgsqlConnection(_replication.PrimaryAdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var primary = new NpgsqlConnectionStringBuilder(_replication.PrimaryAdminConnectionString) { Database = database }.ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = primary,
            ["ConnectionStrings:PostgresRead"] = _replication.OnReplica(primary),
        };
        First = ShopApiFactory.Create(null, settings);
        Second = ShopApiFactory.Create(First, settings);
        await First.InitializeAsync();
        await Second.InitializeAsync();
        // The schema reaches the replica a lag later; the tests start from a replica that has it.
        await _replication.WaitForReplayAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Second).DisposeAsync();
        await ((IAsyncLifetime)First).DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        _replication?.Dispose();
    }
}
