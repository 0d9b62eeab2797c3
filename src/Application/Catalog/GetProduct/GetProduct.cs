using Mediator;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;

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

    public async ValueTask<ProductResponse> Handle(GetProductQuery query, CancellationToken cancellationToken) =>
        await _cache.GetOrLoadAsync(
                CacheKeys.Product(query.ProductId), CacheKeys.ProductTimeToLive,
                token => _products.GetAsync(query.ProductId, token), cancellationToken)
            ?? throw new NotFoundException("Product", query.ProductId);
}
