using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Events;
using Shop.Application.Identity.Ports;
using Shop.Application.Identity.RegisterUser;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Application.Webhooks.Ports;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.Catalog;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Idempotency;
using Shop.Infrastructure.Identity;
using Shop.Infrastructure.Identity.Throttling;
using Shop.Infrastructure.Ordering;
using Shop.Infrastructure.Ordering.Expiry;
using Shop.Infrastructure.Outbox;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;
using Shop.Infrastructure.RateLimiting;
using Shop.Infrastructure.Webhooks;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;

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
        services.AddSingleton(new ReplicaSettings(postgres, postgresRead));
        services.AddSingleton<ReplicaPosition>();
        services.AddHostedService(provider => provider.GetRequiredService<ReplicaPosition>());
        services.AddScoped<ReadYourWrites>();
        services.AddScoped<WritePositions>();
        services.AddScoped<PrimaryReads>();
        services.AddScoped<ReplicaReads>();
        services.AddSingleton<ISessionWritePositions, RedisSessionWritePositions>();
        services.AddSingleton<Shop.Domain.Identity.IPasswordHasher, AspNetPasswordHasher>();
        services.AddSingleton<RedisCache>();
        services.AddSingleton<ICache, TwoLevelCache>();
        services.AddSingleton<PostEvictionCallbacks>();
        services.AddSingleton<IPostEvictionCallbacks>(provider => provider.GetRequiredService<PostEvictionCallbacks>());
        services.AddFusionCache()
            .WithOptions(options =>
            {
                options.ReThrowOriginalExceptions = true;
                // The cache tries to subscribe before its first use (a few attempts; it then carries on and retries in the
                // background): an eviction missed meanwhile costs at most the memory lifetime.
                options.WaitForInitialBackplaneSubscribe = true;
                // A factory's failure reaches the request's own error handling, which logs it once.
                options.FactoryErrorsLogLevel = LogLevel.Debug;
                // A Redis outage is reported once by the outage log, not by every removal that could not publish.
                options.BackplaneErrorsLogLevel = LogLevel.Debug;
            })
            .WithDefaultEntryOptions(entry =>
            {
                entry.Duration = TwoLevelCache.MemoryLifetime;
                // Memory only, so a load tells nobody anything; removals notify the other instances explicitly.
                entry.SkipBackplaneNotifications = true;
            })
            .WithBackplane(provider => new RedisBackplane(
                Options.Create(new RedisBackplaneOptions
                {
                    ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>()),
                }),
                provider.GetRequiredService<ILogger<RedisBackplane>>()));
        services.AddSingleton<ISessionStore, RedisSessionStore>();
        services.AddSettings<SessionOptions>(configuration, SessionOptions.Section);
        services.AddSingleton<PermitLeases>();
        services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        services.AddSingleton<IIdempotencyStore, RedisIdempotencyStore>();
        AddThrottles(services, configuration);

        // The Application registers it too; here so the adapters also compose on their own (integration tests).
        services.TryAddScoped<CacheInvalidation>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<UnitOfWork>());
        services.AddSingleton<RelayWakeup>();
        services.AddScoped<IOutbox, PostgresOutbox>();
        services.AddSingleton<IWebhookUrlGuard, PrivateNetworkGuard>();
        AddWebhookDelivery(services, configuration);
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddSingleton<IStaleCacheKeys, UserCacheKeys>();
        services.AddSingleton(new ConstraintConflict("idx_users_email", RegisterUserCommand.TakenEmailCode, "A user with this e-mail already exists."));
        services.AddScoped<IProductRepository, ProductRepository>();
        services.AddSingleton<IStaleCacheKeys, ProductCacheKeys>();
        services.AddScoped<IOrderRepository, OrderRepository>();
        services.AddSingleton(new ConstraintConflict("FK_line_items_products_product_id", "product-in-orders", "The product is part of an order and cannot be deleted.", OnDelete: true));
        services.AddSingleton(new ConstraintConflict("FK_line_items_products_product_id", "reference-gone", "A product or user this change refers to no longer exists."));
        services.AddSingleton(new ConstraintConflict("FK_orders_users_user_id", "reference-gone", "A product or user this change refers to no longer exists."));
        services.AddScoped<IUserQueries, UserQueries>();
        services.AddSettings<CatalogOptions>(configuration, CatalogOptions.Section);
        services.AddScoped<IProductQueries, ProductQueries>();
        services.AddScoped<IOrderQueries, OrderQueries>();
        AddPendingOrderExpiry(services, configuration);

        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// The background sweep that cancels expired pending orders (Shop:Orders:ExpirySweepEnabled). The composition root
    /// of a serving host switches it on; a command-line verb or a test's adapters do without.
    /// </summary>
    public static IServiceCollection AddPendingOrderSweeper(this IServiceCollection services) =>
        services.AddHostedService<PendingOrderSweeper>();

    /// <summary>
    /// The outbox relay that delivers webhooks (Shop:Outbox:RelayEnabled). The composition root of a serving host
    /// switches it on; the `relay` verb runs it alone (<see cref="RunOutboxRelayAsync"/>).
    /// </summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services) =>
        services.AddHostedService<OutboxRelay>();

    /// <summary>Runs the outbox relay until <paramref name="stoppingToken"/> is cancelled, whatever Shop:Outbox:RelayEnabled says.</summary>
    public static Task RunOutboxRelayAsync(this IServiceProvider services, CancellationToken stoppingToken) =>
        ActivatorUtilities.CreateInstance<OutboxRelay>(services).RunAsync(stoppingToken);

    private static void AddWebhookDelivery(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WebhookOptions>(configuration, WebhookOptions.Section)
            .PostConfigure(options =>
            {
                if (options.RetrySchedule.Count == 0)
                {
                    options.RetrySchedule = WebhookOptions.DefaultRetrySchedule;
                }
            });
        services.AddSettings<OutboxOptions>(configuration, OutboxOptions.Section);
        services.AddSingleton<IValidateOptions<OutboxOptions>, LeaseOutlastsTimeout>();
        services.AddScoped<WebhookDeliveries>();
        services.AddScoped<OutboxRetention>();
        services.AddSingleton<WebhookSender>();
        // No redirect is followed and no address outside the public internet is reached; retries are the relay's
        // schedule, not the client's. The client logs nothing: a receiver's URL may carry a token.
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
                ConnectCallback = new PublicAddressConnector(
                    provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks).ConnectAsync,
            })
            .RemoveAllLoggers();
    }

    private static void AddPendingOrderExpiry(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PendingOrderOptions>(configuration, PendingOrderOptions.Section);
        services.AddSingleton(provider => new Shop.Domain.Ordering.PendingOrderExpiry(
            provider.GetRequiredService<IOptions<PendingOrderOptions>>().Value.PendingExpiry));
        services.AddScoped<PendingOrderSweep>();
    }

    private static void AddThrottles(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<LoginThrottleOptions>(configuration, LoginThrottleOptions.Section);
        services.AddSettings<RegistrationThrottleOptions>(configuration, RegistrationThrottleOptions.Section);
        services.AddSingleton<ILoginThrottle, RedisLoginThrottle>();
        services.AddSingleton<IRegistrationThrottle, RedisRegistrationThrottle>();
    }

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new MissingConfigurationException(
                $"ConnectionStrings:{name} is required (environment variable ConnectionStrings__{name}).");
}
