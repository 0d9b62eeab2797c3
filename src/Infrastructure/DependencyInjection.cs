using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common.Outages;
using Shop.Application.Common.Ports;
using Shop.Application.Identity.Ports;
using Shop.Application.Ordering.Ports;
using Shop.Infrastructure.Catalog;
using Shop.Infrastructure.Common;
using Shop.Infrastructure.Common.Persistence;
using Shop.Infrastructure.Common.Redis;
using Shop.Infrastructure.Identity;
using Shop.Infrastructure.Ordering;
using StackExchange.Redis;

namespace Shop.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var postgres = Required(configuration, "Postgres");
        var postgresRead = configuration.GetConnectionString("PostgresRead") is { Length: > 0 } read ? read : postgres;
        var redis = Required(configuration, "Redis");

        services.TryAddSingleton<OutageLog>();
        services.AddSingleton<DatabaseOutages>();
        services.AddDbContextPool<ShopDbContext>((provider, options) => DatabaseOutages.QuietFailureEvents(options
            .UseShopDatabase(postgres)
            .AddInterceptors(provider.GetRequiredService<DatabaseOutages>())));
        services.AddDbContextPool<ShopReadDbContext>((provider, options) => DatabaseOutages.QuietFailureEvents(options
            .UseShopDatabase(postgresRead)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(provider.GetRequiredService<DatabaseOutages>())));

        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            // While Redis is down, fail each command at once (503, cache miss, limiter open) instead of
            // queueing it for the whole timeout: requests stay fast and say what is wrong.
            options.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(options);
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Shop.Domain.Identity.IPasswordHasher, AspNetPasswordHasher>();
        services.AddSingleton<ICache, RedisCache>();
        services.AddSingleton<ISessionStore, RedisSessionStore>();
        services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        services.AddSingleton<IIdempotencyStore, RedisIdempotencyStore>();

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IProductRepository, ProductRepository>();
        services.AddScoped<IOrderRepository, OrderRepository>();
        services.AddScoped<IUserQueries, UserQueries>();
        services.AddScoped<IProductQueries, ProductQueries>();
        services.AddScoped<IOrderQueries, OrderQueries>();

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        return services;
    }

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new MissingConfigurationException(
                $"ConnectionStrings:{name} is required (environment variable ConnectionStrings__{name}).");
}
