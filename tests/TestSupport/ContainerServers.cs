using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace Shop.TestSupport;

/// <summary>PostgreSQL and Redis in Docker through Testcontainers, when a Docker engine is there.</summary>
internal static class ContainerServers
{
    public const string PostgresImage = "postgres:15-alpine";
    public const string RedisImage = "redis:7-alpine";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Null when a Docker engine may answer (DOCKER_HOST set or /var/run/docker.sock present), else why not.</summary>
    public static string? DockerUnavailableReason()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOCKER_HOST"))
            || File.Exists("/var/run/docker.sock"))
        {
            return null;
        }

        return "Docker: no engine (DOCKER_HOST is not set and /var/run/docker.sock does not exist)";
    }

    /// <summary>Starts a PostgreSQL container and returns a superuser connection string to its 'postgres' database.</summary>
    public static async Task<string> StartPostgresAsync()
    {
        var container = new PostgreSqlBuilder(PostgresImage)
            .WithDatabase("postgres")
            .WithUsername("postgres")
            .WithPassword("postgres")
            .WithCommand("-c", "max_connections=300")
            .Build();
        await StartAsync(container);
        return container.GetConnectionString();
    }

    /// <summary>Starts a Redis container with 64 databases and returns its StackExchange.Redis connection string.</summary>
    public static async Task<string> StartRedisAsync()
    {
        var container = new RedisBuilder(RedisImage)
            .WithCommand("redis-server", "--save", string.Empty, "--appendonly", "no", "--databases", "64")
            .Build();
        await StartAsync(container);
        return container.GetConnectionString();
    }

    private static async Task StartAsync(IContainer container)
    {
        try
        {
            using var cts = new CancellationTokenSource(StartTimeout);
            await container.StartAsync(cts.Token);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }

        // Testcontainers' reaper removes it too if this process dies; this just does it promptly.
        TestServers.AtExit(() => container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30)));
    }
}
