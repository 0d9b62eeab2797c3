using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>An API instance's Infrastructure services on a given Redis, for tests of the Redis side only (PostgreSQL is never opened).</summary>
internal static class RedisOnlyInstance
{
    public static ServiceProvider Of(string redis)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
                ["ConnectionStrings:Redis"] = redis,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }
}
