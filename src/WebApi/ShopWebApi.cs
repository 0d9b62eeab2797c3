using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Shop.Application;
using Shop.Application.Behaviors;
using Shop.Infrastructure;
using Shop.WebApi.Catalog;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.ClientAddresses;
using Shop.WebApi.Http.ConcurrencyLimiting;
using Shop.WebApi.Http.Idempotency;
using Shop.WebApi.Http.Json;
using Shop.WebApi.Http.OutputCaching;
using Shop.WebApi.Http.Problems;
using Shop.WebApi.Http.Proxies;
using Shop.WebApi.Http.Replication;
using Shop.WebApi.Http.RateLimiting;
using Shop.WebApi.Identity;
using Shop.WebApi.OpenApi;
using Shop.WebApi.Ordering;

namespace Shop.WebApi;

/// <summary>The composition root: services and the HTTP pipeline.</summary>
internal static class ShopWebApi
{
    public static IServiceCollection AddShop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ShopOptions>(configuration, ShopOptions.Section);
        services.AddSettings<ClientRateLimitOptions>(configuration, ClientRateLimitOptions.Section);
        services.AddSettings<ProductOutputCacheOptions>(configuration, ProductOutputCacheOptions.Section);
        services.AddSettings<WriteConcurrencyLimiterOptions>(configuration, WriteConcurrencyLimiterOptions.Section);
        services.AddSettings<PasswordHashingLimiterOptions>(configuration, PasswordHashingLimiterOptions.Section);
        services.AddSettings<ClientAddressOptions>(configuration, ClientAddressOptions.Section);
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new MoneyJsonConverter()));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ShopOptions>>((kestrel, shop) =>
        {
            kestrel.Limits.MaxRequestBodySize = shop.Value.MaxRequestBodyBytes;
            // Names no server software to a client.
            kestrel.AddServerHeader = false;
        });

        services.AddApplication();
        services.AddMediator((MediatorOptions options) =>
        {
            options.Assemblies = [typeof(ApplicationAssembly)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(TelemetryBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>)];
        });
        services.AddInfrastructure(configuration);
        services.AddPendingOrderSweeper();
        services.AddOutboxRelay();

        services.AddShopProblemDetails();
        services.AddAuthentication(BearerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(BearerAuthentication.AdminPolicy, policy => policy.RequireRole(BearerAuthentication.AdminRole));
        services.AddHostedService<IgnoredAdministratorList>();
        services.AddSingleton<IdempotencyFilter>();
        services.AddTrustedProxies();
        services.AddProductOutputCache();
        services.AddDocumentOutputCache();
        services.AddWriteConcurrencyLimiter();
        services.AddPasswordHashingLimiter();
        services.AddShopOpenApi();
        services.AddShopTelemetry(configuration);
        return services;
    }

    public static WebApplication UseShop(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseClientRateLimit();
        app.UseProductOutputCache();
        app.UseAuthentication();
        app.UseReadYourWrites();
        app.UseAuthorization();
        // Only the concurrency limiters (writes, password hashing): the per-IP window above is shared through Redis.
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Infrastructure.DependencyInjection.ReadyTag) })
            .DisableRateLimiting();
        // Counted by the per-IP window like any client request; only the probes above are exempt.
        app.MapOpenApi().CacheOutput(DocumentOutputCache.Policy);
        app.MapScalarApiReference();
        app.MapProblemPages();

        var api = app.MapGroup(string.Empty).LimitWriteConcurrency();
        api.MapIdentityEndpoints();
        api.MapCatalogEndpoints();
        api.MapOrderEndpoints();
        return app;
    }
}
