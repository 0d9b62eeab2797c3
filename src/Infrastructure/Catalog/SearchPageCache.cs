using Microsoft.Extensions.Caching.Memory;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common;
using Shop.Infrastructure.Common.Caching;
using ZiggyCreatures.Caching.Fusion;

namespace Shop.Infrastructure.Catalog;

/// <summary>
/// Product search pages kept in this instance's memory for <see cref="TwoLevelCache.MemoryLifetime"/>, under a
/// generation that any product change ends on every instance: the change removes <see cref="CacheKeys.ProductSearchPages"/>
/// from the shared FusionCache, whose Redis backplane evicts it everywhere before the change's response is sent, and
/// the next search starts a new generation. A page whose load began before the change is stored under the old
/// generation and never served. At most <see cref="MaxPages"/> pages are kept, whatever clients search for.
/// </summary>
internal sealed class SearchPageCache : IDisposable
{
    public const int MaxPages = 1_000;

    // Long-lived: it ends when a product changes. Creating one tells nobody (a backplane notification would end the
    // other instances' generations); only the change's removal is broadcast.
    private static readonly FusionCacheEntryOptions GenerationOptions = new()
    {
        Duration = TimeSpan.FromHours(1),
        SkipBackplaneNotifications = true,
    };

    private readonly IFusionCache _shared;
    private readonly MemoryCache _memory;
    private readonly FusionCache _pages;

    public SearchPageCache(IFusionCache shared)
    {
        _shared = shared;
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxPages });
        _pages = new FusionCache(
            new FusionCacheOptions
            {
                CacheName = "product-search-pages",
                DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TwoLevelCache.MemoryLifetime, Size = 1 },
            },
            _memory);
    }

    public async Task<PagedResponse<ProductResponse>> GetOrLoadAsync(
        ProductSearch search, Func<CancellationToken, Task<PagedResponse<ProductResponse>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var generation = await _shared.GetOrSetAsync(
            CacheKeys.ProductSearchPages, _ => Task.FromResult(Guid.NewGuid().ToString("N")), GenerationOptions, cancellationToken);
        return await _pages.GetOrSetAsync<PagedResponse<ProductResponse>>(KeyOf(generation, search), (_, token) => load(token), token: cancellationToken);
    }

    public void Dispose()
    {
        _pages.Dispose();
        _memory.Dispose();
    }

    private static string KeyOf(string generation, ProductSearch search) =>
        $"{generation}:{search.Page}:{search.PageSize}:{search.After?.Encode()}:{search.Text?.Trim()}";
}
