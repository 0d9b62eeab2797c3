using Microsoft.Extensions.Caching.Memory;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.Pagination;
using Shop.Infrastructure.Caching;
using ZiggyCreatures.Caching.Fusion;

namespace Shop.Infrastructure.Catalog;

/// <summary>
/// Product search pages kept in this instance's memory for <see cref="TwoLevelCache.MemoryLifetime"/>, under a
/// generation that any product change ends on every instance: the change removes <see cref="CacheKeys.ProductSearchPages"/>
/// from the shared FusionCache, whose Redis backplane publishes the removal before the change's response is sent and
/// each instance applies it on receipt; the next search there starts a new generation. A page whose load began before
/// the change is stored under the old generation and never served. A lost message costs at most the pages' lifetime.
/// The pages hold at most <see cref="MaxCharacters"/> characters of product text, whatever clients search for.
/// </summary>
internal sealed class SearchPageCache : IDisposable
{
    /// <summary>What the kept pages may hold at most, in characters of their products' names and descriptions.</summary>
    public const long MaxCharacters = 8_000_000;

    // Every product costs this much besides its texts (id, price, stock, the entry itself), in the same units.
    private const int CharactersPerProduct = 64;

    private readonly IFusionCache _shared;
    private readonly FusionCacheEntryOptions _generationOptions;
    private readonly MemoryCache _memory;
    private readonly FusionCache _pages;

    public SearchPageCache(IFusionCache shared)
    {
        _shared = shared;
        // Long-lived: it ends when a product changes. The shared cache's defaults tell nobody that one was created (a
        // backplane notification would end the other instances' generations); only the change's removal is broadcast.
        _generationOptions = shared.CreateEntryOptions(duration: TimeSpan.FromHours(1));
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxCharacters });
        _pages = new FusionCache(
            new FusionCacheOptions
            {
                CacheName = "product-search-pages",
                DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TwoLevelCache.MemoryLifetime, Size = CharactersPerProduct },
            },
            _memory);
    }

    public async Task<PagedResponse<ProductResponse>> GetOrLoadAsync(
        ProductSearch search, Func<CancellationToken, Task<PagedResponse<ProductResponse>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var generation = await _shared.GetOrSetAsync(
            CacheKeys.ProductSearchPages, _ => Task.FromResult(Guid.NewGuid().ToString("N")), _generationOptions, cancellationToken);
        return await _pages.GetOrSetAsync<PagedResponse<ProductResponse>>(
            KeyOf(generation, search),
            async (context, token) =>
            {
                var page = await load(token);
                context.Options.Size = SizeOf(page);
                return page;
            },
            token: cancellationToken);
    }

    public void Dispose()
    {
        _pages.Dispose();
        _memory.Dispose();
    }

    private static long SizeOf(PagedResponse<ProductResponse> page) =>
        CharactersPerProduct + page.Items.Sum(item => CharactersPerProduct + item.Name.Length + (item.Description?.Length ?? 0));

    private static string KeyOf(string generation, ProductSearch search) =>
        $"{generation}:{search.Page}:{search.PageSize}:{search.After?.Encode()}:{search.Text?.Trim()}";
}
