using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;

namespace Shop.WebApi.Http.OutputCaching;

/// <summary>
/// ASP.NET Core's output cache for anonymous <c>GET /api/products/{id}</c>, in this instance's memory, so a warm read
/// skips authentication, the mediator pipeline and JSON. Each cached response is tagged with its product's cache key
/// and evicted when that key's entry leaves this instance's memory (<see cref="IMemoryEvictions"/>): after a change on
/// this instance or, through the backplane, on another. A lost message costs at most
/// <see cref="ProductOutputCacheOptions.ProductExpiration"/> more than the memory cache's own bound. A request with an
/// Authorization header never reads or stores a cached response (the framework's default policy), so a client's own
/// writes show at once.
/// </summary>
internal static class ProductOutputCache
{
    public const string Policy = "product";

    // A cached response is about 500 bytes with its headers: room for tens of thousands of products.
    private const long SizeLimitBytes = 16 * 1024 * 1024;

    /// <summary>The output cache with the <see cref="Policy"/> policy, expiring by <see cref="ProductOutputCacheOptions"/>.</summary>
    public static IServiceCollection AddProductOutputCache(this IServiceCollection services)
    {
        services.AddSingleton<TaggedWithProductKey>();
        services.AddOutputCache(options => options.SizeLimit = SizeLimitBytes);
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<ProductOutputCacheOptions>>((cache, product) =>
            cache.AddPolicy(Policy, policy =>
            {
                if (product.Value.ProductExpiration > TimeSpan.Zero)
                {
                    policy.Expire(product.Value.ProductExpiration).AddPolicy<TaggedWithProductKey>();
                }
                else
                {
                    policy.NoCache();
                }
            }));
        return services;
    }

    /// <summary>The output cache, after the rate limiter (a cached response is still counted) and before authentication.</summary>
    public static WebApplication UseProductOutputCache(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        app.Services.GetRequiredService<IMemoryEvictions>().Subscribe(key => store.EvictByTagAsync(key, CancellationToken.None));
        app.UseOutputCache();
        return app;
    }

    // Tags matter only to a stored response, so they are added when one is about to be stored, not on every hit.
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

/// <summary>`Shop:OutputCache`: how long the output cache keeps a product's response when no eviction reaches it.</summary>
internal sealed class ProductOutputCacheOptions
{
    public const string Section = "Shop:OutputCache";

    /// <summary>Zero caches none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "a duration from 00:00:00 (cache none) to 00:01:00 (hh:mm:ss)")]
    public TimeSpan ProductExpiration { get; set; } = TimeSpan.FromSeconds(1);
}
