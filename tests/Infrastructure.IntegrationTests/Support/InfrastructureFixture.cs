using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Persistence;
using Shop.TestSupport;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// One test class's own PostgreSQL database and Redis database, with the Infrastructure services
/// built by <see cref="DependencyInjection.AddInfrastructure"/> against them. The database is dropped at the end.
/// </summary>
public abstract class InfrastructureFixture : IAsyncLifetime
{
    private TestServers? _servers;
    private ServiceProvider? _services;
    private string? _connectionString;
    private RedisDatabaseClaim? _redisDatabase;

    /// <summary>Whether the fixture migrates the new database to the latest migration.</summary>
    protected abstract bool AppliesMigrations { get; }

    /// <summary>Pooled connection string of this fixture's database.</summary>
    public string ConnectionString => _connectionString ?? throw NotInitialized();

    /// <summary>The Redis database index this fixture's services use.</summary>
    public int RedisDatabaseIndex { get; private set; }

    public IServiceProvider Services => _services ?? throw NotInitialized();

    public IConnectionMultiplexer Redis => Services.GetRequiredService<IConnectionMultiplexer>();

    /// <summary>The Redis database the services use (the connection string's defaultDatabase).</summary>
    public IDatabase RedisDatabase => Redis.GetDatabase(RedisDatabaseIndex);

    /// <summary>The configuration string of this fixture's Redis database, for a second connection (a second instance).</summary>
    public string RedisConnectionString => (_servers ?? throw NotInitialized()).RedisConnectionStringFor(RedisDatabaseIndex);

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _connectionString = await _servers.CreateDatabaseAsync(GetType().Name);
        _redisDatabase = await _servers.ClaimRedisDatabaseAsync();
        RedisDatabaseIndex = _redisDatabase.Index;

        _services = NewInstance();

        if (AppliesMigrations)
        {
            await using var scope = _services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.MigrateAsync();
        }
    }

    /// <summary>
    /// The Infrastructure services of another API instance on the same database and Redis database: its own Redis
    /// connection, memory cache and rate-limit leases. The caller disposes it.
    /// </summary>
    /// <param name="settings">More configuration, e.g. <c>ConnectionStrings:PostgresRead</c>.</param>
    public ServiceProvider NewInstance(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = ConnectionString,
                ["ConnectionStrings:Redis"] = RedisConnectionString,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }

        if (_redisDatabase is not null)
        {
            await _redisDatabase.DisposeAsync();
            _redisDatabase = null;
        }

        if (_servers is not null && _connectionString is not null)
        {
            await _servers.DropDatabaseAsync(_connectionString);
        }
    }

    /// <summary>Runs <paramref name="action"/> in a new DI scope (a new DbContext and unit of work).</summary>
    public async Task InScopeAsync(Func<IServiceProvider, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="action"/> in a new DI scope and returns its result.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>An open connection of its own to this fixture's database, for raw SQL.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a query with positional parameters ($1, $2, ...) and maps every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs a query with positional parameters and returns the first column of its single row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters) =>
        Assert.Single(await QueryAsync(sql, reader => reader.GetFieldValue<T>(0), parameters));

    /// <summary>Runs a statement with positional parameters and returns the number of rows it touched.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    private static InvalidOperationException NotInitialized() => new("The fixture is not initialized.");
}

/// <summary>A new database migrated to the latest migration.</summary>
public sealed class MigratedDatabaseFixture : InfrastructureFixture
{
    protected override bool AppliesMigrations => true;
}

/// <summary>A new, empty database: the tests migrate it themselves.</summary>
public sealed class EmptyDatabaseFixture : InfrastructureFixture
{
    protected override bool AppliesMigrations => false;
}
