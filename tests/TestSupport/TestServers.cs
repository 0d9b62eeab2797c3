using System.Globalization;
using Npgsql;
using StackExchange.Redis;

namespace Shop.TestSupport;

/// <summary>
/// A real PostgreSQL and a real Redis for a test process, started once on first use and stopped when the process exits.
/// </summary>
/// <remarks>
/// Each server comes from the first source that has one:
/// (1) the environment variables SHOP_TEST_POSTGRES / SHOP_TEST_REDIS (each on its own);
/// (2) Testcontainers (postgres:15-alpine, redis:7-alpine) when a Docker engine is there;
/// (3) the local binaries (initdb/postgres, redis-server), run on a free loopback port in a temp directory.
/// With none of them, <see cref="GetAsync"/> throws and says what to install: tests never skip.
/// </remarks>
public sealed class TestServers
{
    public const string PostgresVariable = "SHOP_TEST_POSTGRES";
    public const string RedisVariable = "SHOP_TEST_REDIS";

    private const int MaxRedisDatabases = 64;

    private static readonly Lazy<Task<TestServers>> Instance =
        new(() => Task.Run(CreateAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock ExitGate = new();
    private static readonly List<Action> ExitActions = [];
    private static bool exitHooked;

    private readonly RedisDatabaseAllocator redisDatabases;

    private TestServers(string postgres, string postgresSource, string redis, string redisSource, int redisDatabases)
    {
        PostgresAdminConnectionString = postgres;
        PostgresSource = postgresSource;
        RedisConnectionString = redis;
        RedisSource = redisSource;
        RedisDatabaseCount = redisDatabases;
        this.redisDatabases = new RedisDatabaseAllocator(redis, Math.Min(redisDatabases, MaxRedisDatabases));
    }

    /// <summary>Superuser connection string to the server's <c>postgres</c> database.</summary>
    public string PostgresAdminConnectionString { get; }

    /// <summary>StackExchange.Redis configuration string of the Redis server (database 0).</summary>
    public string RedisConnectionString { get; }

    /// <summary>Where the PostgreSQL server came from (environment, container or local binaries).</summary>
    public string PostgresSource { get; }

    /// <summary>Where the Redis server came from (environment, container or local binaries).</summary>
    public string RedisSource { get; }

    /// <summary>How many databases the Redis server has (64 unless it came from SHOP_TEST_REDIS).</summary>
    public int RedisDatabaseCount { get; }

    /// <summary>The servers of this process, started on the first call.</summary>
    public static Task<TestServers> GetAsync() => Instance.Value;

    /// <summary>Creates a new, empty, uniquely named database and returns a pooled connection string to it.</summary>
    /// <param name="prefix">Readable start of the name; reduced to lower-case letters, digits and underscores.</param>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var name = UniqueDatabaseName(prefix);
        await ExecuteAdminAsync("CREATE DATABASE " + QuoteIdentifier(name));
        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
            Pooling = true,
        }.ConnectionString;
    }

    /// <summary>Drops the database a connection string points at, closing its pooled and open connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name) || name is "postgres" or "template0" or "template1")
        {
            throw new ArgumentException($"Refusing to drop database '{name}'.", nameof(connectionString));
        }

        ClearPool(connectionString);
        await ExecuteAdminAsync("DROP DATABASE IF EXISTS " + QuoteIdentifier(name) + " WITH (FORCE)");
        ClearPool(connectionString);
    }

    /// <summary>
    /// An empty Redis database (1..63) that nobody else holds, in this process or in another given the same server,
    /// until the claim is disposed. See <see cref="RedisDatabaseAllocator"/>.
    /// </summary>
    public Task<RedisDatabaseClaim> ClaimRedisDatabaseAsync() => redisDatabases.ClaimAsync();

    /// <summary>The Redis connection string with <c>defaultDatabase</c> set to <paramref name="database"/> and admin commands allowed.</summary>
    public string RedisConnectionStringFor(int database)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(database);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(database, RedisDatabaseCount);
        return string.Create(CultureInfo.InvariantCulture, $"{RedisConnectionString},defaultDatabase={database},allowAdmin=true");
    }

    /// <summary>Runs <paramref name="action"/> when the process exits.</summary>
    internal static void AtExit(Action action)
    {
        lock (ExitGate)
        {
            if (!exitHooked)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => RunExitActions();
                exitHooked = true;
            }

            ExitActions.Add(action);
        }
    }

    private static void RunExitActions()
    {
        Action[] actions;
        lock (ExitGate)
        {
            actions = [.. ExitActions];
            ExitActions.Clear();
        }

        // In parallel: a test host may be killed within ~100 ms of its exit starting (the watchdogs finish the job then).
        var stops = actions.Select(action => Task.Run(() =>
        {
            try
            {
                action();
            }
            catch (Exception)
            {
                // The process is exiting: one failed cleanup must not stop the others.
            }
        })).ToArray();
        Task.WaitAll(stops, TimeSpan.FromSeconds(30));
    }

    private static async Task<TestServers> CreateAsync()
    {
        var postgres = ResolvePostgresAsync();
        var redis = ResolveRedisAsync();
        var both = Task.WhenAll(postgres, redis);
        try
        {
            await both;
        }
        catch when (both.Exception is { InnerExceptions.Count: > 1 } failures)
        {
            throw new InvalidOperationException(
                string.Join("\n\n", failures.InnerExceptions.Select(e => e.Message)), failures);
        }

        var (postgresConnection, postgresSource) = await postgres;
        var (redisConnection, redisSource, redisDatabases) = await redis;
        return new TestServers(postgresConnection, postgresSource, redisConnection, redisSource, redisDatabases);
    }

    private static async Task<(string ConnectionString, string Source)> ResolvePostgresAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var builder = new NpgsqlConnectionStringBuilder(fromEnvironment);
            builder.Database ??= "postgres";
            return (builder.ConnectionString, $"environment variable {PostgresVariable}");
        }

        var tried = new List<string> { $"{PostgresVariable} is not set" };
        if (await TryContainerAsync(ContainerServers.PostgresImage, ContainerServers.StartPostgresAsync, tried) is { } container)
        {
            return (container, $"Testcontainers {ContainerServers.PostgresImage}");
        }

        if (OperatingSystem.IsWindows())
        {
            throw NotAvailable("PostgreSQL", tried, "local servers are not supported on Windows");
        }

        var binDirectory = LocalPostgres.FindBinDirectory()
            ?? throw NotAvailable("PostgreSQL", tried, "local: no initdb/postgres on PATH or under /usr/lib/postgresql/*/bin");
        var local = await LocalPostgres.StartAsync(binDirectory);
        AtExit(local.Dispose);
        return (local.AdminConnectionString, Describe(local.Description, tried));
    }

    private static async Task<(string ConnectionString, string Source, int Databases)> ResolveRedisAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(RedisVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (fromEnvironment, $"environment variable {RedisVariable}", await CountRedisDatabasesAsync(fromEnvironment));
        }

        var tried = new List<string> { $"{RedisVariable} is not set" };
        if (await TryContainerAsync(ContainerServers.RedisImage, ContainerServers.StartRedisAsync, tried) is { } container)
        {
            return (container, $"Testcontainers {ContainerServers.RedisImage}", MaxRedisDatabases);
        }

        if (OperatingSystem.IsWindows())
        {
            throw NotAvailable("Redis", tried, "local servers are not supported on Windows");
        }

        var executable = LocalRedis.FindExecutable()
            ?? throw NotAvailable("Redis", tried, "local: no redis-server on PATH or in /usr/bin");
        var local = await LocalRedis.StartAsync(executable);
        AtExit(local.Dispose);
        return (local.ConnectionString, Describe(local.Description, tried), LocalRedis.Databases);
    }

    /// <summary>The container's connection string, or null (with the reason added to <paramref name="tried"/>).</summary>
    private static async Task<string?> TryContainerAsync(string image, Func<Task<string>> start, List<string> tried)
    {
        if (ContainerServers.DockerUnavailableReason() is { } noDocker)
        {
            tried.Add(noDocker);
            return null;
        }

        try
        {
            return await start();
        }
        catch (Exception ex)
        {
            // Whatever went wrong with Docker, fall back to the local binaries.
            tried.Add($"Docker: starting {image} failed: {ex.Message}");
            return null;
        }
    }

    private static string Describe(string source, List<string> tried) =>
        tried.Find(t => t.StartsWith("Docker: starting", StringComparison.Ordinal)) is { } dockerFailure
            ? $"{source} (fallback: {dockerFailure})"
            : source;

    /// <summary>The 'databases' setting of a server we did not start; Redis' default of 16 when it cannot be read.</summary>
    private static async Task<int> CountRedisDatabasesAsync(string connectionString)
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
            var setting = await connection.GetServers()[0].ConfigGetAsync("databases");
            return setting.Length == 1 && int.TryParse(setting[0].Value, CultureInfo.InvariantCulture, out var count) && count > 1
                ? count
                : 16;
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException($"{RedisVariable}='{connectionString}' does not answer: {ex.Message}", ex);
        }
        catch (RedisException)
        {
            return 16;
        }
    }

    private static InvalidOperationException NotAvailable(string server, List<string> tried, string last)
    {
        tried.Add(last);
        return new InvalidOperationException(
            $"No {server} server is available for the tests (tried: {string.Join("; ", tried)}). Fix one of: "
            + "install the local servers with `apt-get install -y postgresql redis-server`; "
            + $"or set {PostgresVariable} (a superuser Npgsql connection string, e.g. "
            + "'Host=localhost;Username=postgres;Password=postgres;Database=postgres') and "
            + $"{RedisVariable} (a StackExchange.Redis configuration, e.g. 'localhost:6379'); "
            + "or run a Docker engine (DOCKER_HOST or /var/run/docker.sock) so Testcontainers can start "
            + $"{ContainerServers.PostgresImage} and {ContainerServers.RedisImage}.");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private static string UniqueDatabaseName(string prefix)
    {
        var cleaned = new string(prefix.ToLowerInvariant()
            .Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_')
            .ToArray()).Trim('_');
        if (cleaned.Length == 0)
        {
            cleaned = "db";
        }
        else if (!char.IsAsciiLetterLower(cleaned[0]))
        {
            cleaned = "db_" + cleaned;
        }

        // PostgreSQL identifiers are at most 63 bytes: up to 40 + '_' + 16 hex digits.
        return cleaned[..Math.Min(cleaned.Length, 40)] + "_" + Guid.NewGuid().ToString("N")[..16];
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
