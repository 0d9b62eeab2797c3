using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common;
using Shop.Application.Common.Errors;
using Shop.Application.Common.Ports;

namespace Shop.Application.Catalog.GetProduct;

public sealed record GetProductQuery(Guid ProductId) : IQuery<ProductResponse>;

internal sealed class GetProductHandler : IQueryHandler<GetProductQuery, ProductResponse>
{
    private readonly IProductQueries _products;
    private readonly ICache _cache;

    public GetProductHandler(IProductQueries products, ICache cache)
    {
        _products = products;
        _cache = cache;
    }

    public async ValueTask<ProductResponse> Handle(GetProductQuery query, CancellationToken cancellationToken)
    {
        var key = CacheKeys.Product(query.ProductId);
        var cached = await _cache.GetAsync<ProductResponse>(key, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            return cached;
        }

        var product = await _products.GetAsync(query.ProductId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("Product", query.ProductId);
        await _cache.SetAsync(key, product, CacheKeys.ProductTimeToLive, cancellationToken).ConfigureAwait(false);
        return product;
    }
}
