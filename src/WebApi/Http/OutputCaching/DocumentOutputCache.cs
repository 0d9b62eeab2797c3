using Microsoft.AspNetCore.OutputCaching;

namespace Shop.WebApi.Http.OutputCaching;

/// <summary>
/// The output cache for the OpenAPI document: built on its first fetch and served from this instance's memory after
/// that, to every caller alike. The document changes only with a new build, so it is kept for the process's life (or
/// until the output cache's size limit pushes it out, when the next fetch builds it again), whatever the caller sends:
/// an `Authorization` header, a query string or another `Host` would otherwise each cost a fresh build. No product tag
/// is put on it, so the product evictions never reach it.
/// </summary>
internal static class DocumentOutputCache
{
    public const string Policy = "document";

    // No expiry in practice: an entry needs one, and the document only changes when the host is rebuilt.
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    /// <summary>The <see cref="Policy"/> policy of the output cache (which <c>AddProductOutputCache</c> registers).</summary>
    public static IServiceCollection AddDocumentOutputCache(this IServiceCollection services)
    {
        services.Configure<OutputCacheOptions>(cache =>
            cache.AddPolicy(Policy, policy => policy.AddPolicy<SameForEveryCaller>().Expire(Lifetime), excludeDefaultPolicy: true));
        return services;
    }

    /// <summary>
    /// Caches the answer for any caller, keyed by the path alone (the framework's default policy skips callers with an
    /// `Authorization` header and varies by query string and host), and stores only a 200.
    /// </summary>
    private sealed class SameForEveryCaller : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = true;
            context.AllowCacheStorage = true;
            // Concurrent first fetches wait for one build.
            context.AllowLocking = true;
            context.CacheVaryByRules.VaryByHost = false;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
