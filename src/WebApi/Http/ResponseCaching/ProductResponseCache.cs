using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;

namespace Shop.WebApi.Http.ResponseCaching;

/// <summary>
/// Anonymous <c>GET /api/products/{id}</c> answers kept in this instance's memory by the framework's output cache, so a
/// warm read skips authentication, the mediator pipeline and JSON. Each kept answer is tagged with its product's cache
/// key, and leaves when that key's entry leaves this instance's memory (<see cref="IMemoryEvictions"/>): after a change
/// on this instance or, through the backplane, on another. A lost message costs at most the configured lifetime
/// (<see cref="LifetimeKey"/>, <see cref="DefaultLifetime"/>) more than the memory cache's own bound. A request with an
/// Authorization header never reads or stores a kept answer (the framework's default policy), so a client's own writes
/// show at once.
/// </summary>
internal static class ProductResponseCache
{
    public const string Policy = "product";

    /// <summary>How long an answer is kept when no eviction reaches it; zero keeps none.</summary>
    public const string LifetimeKey = "Shop:Catalog:ProductResponseLifetime";

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(1);

    // A kept answer is about 500 bytes with its headers: room for tens of thousands of products.
    private const long SizeLimitBytes = 16 * 1024 * 1024;

    /// <summary>The configured lifetime (an empty value is the default); null, or what makes it unusable.</summary>
    public static UnusableConfiguration? Read(IConfiguration configuration, out TimeSpan lifetime)
    {
        lifetime = DefaultLifetime;
        return configuration[LifetimeKey] is { Length: > 0 } text
            && !(TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out lifetime) && lifetime >= TimeSpan.Zero && lifetime <= MaxLifetime)
            ? new UnusableConfiguration(LifetimeKey, "a duration from 00:00:00 (keep none) to 00:01:00 (hh:mm:ss)", text)
            : null;
    }

    public static IServiceCollection AddProductResponseCache(this IServiceCollection services, TimeSpan lifetime)
    {
        services.AddSingleton<TaggedWithProductKey>();
        return services.AddOutputCache(options =>
        {
            options.SizeLimit = SizeLimitBytes;
            options.AddPolicy(Policy, policy =>
            {
                if (lifetime > TimeSpan.Zero)
                {
                    policy.Expire(lifetime).AddPolicy<TaggedWithProductKey>();
                }
                else
                {
                    policy.NoCache();
                }
            });
        });
    }

    /// <summary>The output cache, after the rate limiter (a kept answer is still counted) and before authentication.</summary>
    public static WebApplication UseProductResponseCache(this WebApplication app)
    {
        var kept = app.Services.GetRequiredService<IOutputCacheStore>();
        app.Services.GetRequiredService<IMemoryEvictions>().Subscribe(key => kept.EvictByTagAsync(key, CancellationToken.None));
        app.UseOutputCache();
        return app;
    }

    // Tags matter only to a stored answer, so they are added when one is about to be stored, not on every hit.
    private sealed class TaggedWithProductKey : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.AllowCacheStorage
                && context.HttpContext.Request.RouteValues["id"] is string id && Guid.TryParse(id, out var product))
            {
                context.Tags.Add(CacheKeys.Product(product));
            }

            return ValueTask.CompletedTask;
        }
    }
}
