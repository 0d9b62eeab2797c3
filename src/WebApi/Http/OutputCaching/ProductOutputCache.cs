using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;

namespace Shop.WebApi.Http.OutputCaching;

/// <summary>
/// ASP.NET Core's output cache for anonymous <c>GET /api/products/{id}</c>, in this instance's memory, so a warm read
/// skips authentication, the mediator pipeline and JSON. Each cached response is tagged with its product's cache key
/// and evicted when that key's entry leaves this instance's memory (<see cref="IPostEvictionCallbacks"/>): after a change on
/// this instance or, through the backplane, on another; a response built before such an eviction ran is not stored. A
/// lost message costs at most <see cref="ProductOutputCacheOptions.ProductExpiration"/> more than the memory cache's own
/// bound. A request with an Authorization header never reads or stores a cached response (the framework's default
/// policy), so a client's own writes show at once.
/// </summary>
internal static class ProductOutputCache
{
    public const string Policy = "product";

    // A cached response is about 500 bytes with its headers: room for tens of thousands of products.
    private const long SizeLimitBytes = 16 * 1024 * 1024;

    /// <summary>The output cache with the <see cref="Policy"/> policy, expiring by <see cref="ProductOutputCacheOptions"/>.</summary>
    public static IServiceCollection AddProductOutputCache(this IServiceCollection services)
    {
        services.AddSingleton<TagEvictions>();
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
        var evictions = app.Services.GetRequiredService<TagEvictions>();
        app.Services.GetRequiredService<IPostEvictionCallbacks>().Register(key =>
        {
            evictions.Record(key);
            return store.EvictByTagAsync(key, CancellationToken.None);
        });
        app.UseOutputCache();
        return app;
    }

    /// <summary>
    /// Tags a response about to be stored with its product's cache key, and stores none built from data older than an
    /// eviction of its key that already ran: a read that loaded the product before a change committed would otherwise be
    /// stored after the change's eviction, and served until it expires. The framework creates it (AddPolicy&lt;T&gt;());
    /// what it knows of evictions is the <see cref="TagEvictions"/> singleton.
    /// </summary>
    private sealed class TaggedWithProductKey : IOutputCachePolicy
    {
        private static readonly object StartedAfter = new();
        private readonly TagEvictions _evictions;

        public TaggedWithProductKey(TagEvictions evictions) => _evictions = evictions;

        // Before the lookup, so before the handler loads anything; a hit pays no more than this.
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.HttpContext.Items[StartedAfter] = _evictions.Last;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        // Tags matter only to a stored response, so they are added when one is about to be stored, not on every hit.
        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            if (!context.AllowCacheStorage || http.Request.RouteValues["id"] is not string id || !Guid.TryParse(id, out var product))
            {
                return ValueTask.CompletedTask;
            }

            var tag = CacheKeys.Product(product);
            // Without a recorded start, as if the request had started before every eviction.
            var startedAfter = http.Items[StartedAfter] is long last ? last : long.MinValue;
            if (_evictions.EvictedSince(tag, startedAfter))
            {
                context.AllowCacheStorage = false;
                return ValueTask.CompletedTask;
            }

            context.Tags.Add(tag);
            // The store follows this check at once, yet an eviction in between would find nothing to evict: once the
            // response has completed, and so been stored, one that ran since the request started is applied again.
            http.Response.OnCompleted(() => _evictions.EvictedSince(tag, startedAfter)
                ? http.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(tag, CancellationToken.None).AsTask()
                : Task.CompletedTask);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Each tag's last eviction, as a number drawn from one sequence that every eviction advances.</summary>
    private sealed class TagEvictions
    {
        // A slot per tag would grow with every key ever evicted; a fixed set of slots, a tag's chosen by its hash, stays
        // bounded, and tags that share a slot only cost a store now and then.
        private const int Slots = 1024;
        private readonly long[] _lastBySlot = new long[Slots];
        private long _last;

        /// <summary>The number of the last eviction recorded.</summary>
        public long Last => Volatile.Read(ref _last);

        /// <summary>Records an eviction of the tag; called before the store evicts it.</summary>
        public void Record(string tag)
        {
            var eviction = Interlocked.Increment(ref _last);
            ref var slot = ref _lastBySlot[SlotOf(tag)];
            // Evictions of tags that share a slot may get here out of order: the slot keeps the latest.
            for (var seen = Volatile.Read(ref slot); seen < eviction; seen = Volatile.Read(ref slot))
            {
                if (Interlocked.CompareExchange(ref slot, eviction, seen) == seen)
                {
                    break;
                }
            }
        }

        /// <summary>Whether the tag (or one sharing its slot) was evicted after eviction number <paramref name="last"/>.</summary>
        public bool EvictedSince(string tag, long last) => Volatile.Read(ref _lastBySlot[SlotOf(tag)]) > last;

        private static int SlotOf(string tag) => (int)((uint)tag.GetHashCode(StringComparison.Ordinal) % Slots);
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
