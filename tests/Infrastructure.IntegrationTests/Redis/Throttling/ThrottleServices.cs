using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Infrastructure.IntegrationTests.Redis.Throttling;

/// <summary>
/// Another set of Infrastructure services (another multiplexer, as another API instance has) on the same Redis,
/// with throttle settings of the test's choosing.
/// </summary>
internal static class ThrottleServices
{
    public static ServiceProvider Build(string redisConnectionString, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["ConnectionStrings:Redis"] = redisConnectionString,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
