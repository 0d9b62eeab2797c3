using Mediator;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;

namespace Shop.ArchitectureTests.Offenders.Application.Catalog.Cqrs;

public sealed record GetCachedWidgetQuery(Guid WidgetId) : IQuery<ProductResponse?>;

/// <summary>Reads through the read ports only (a …Queries service and ICache, cache-aside): breaks no rule.</summary>
internal sealed class GetCachedWidgetHandler : IQueryHandler<GetCachedWidgetQuery, ProductResponse?>
{
    private readonly IProductQueries _products;
    private readonly ICache _cache;

    public GetCachedWidgetHandler(IProductQueries products, ICache cache)
    {
        _products = products;
        _cache = cache;
    }

    public async ValueTask<ProductResponse?> Handle(GetCachedWidgetQuery query, CancellationToken cancellationToken) =>
        await _cache.GetOrLoadAsync(
            "widget:" + query.WidgetId, TimeSpan.FromMinutes(1), token => _products.GetAsync(query.WidgetId, token), cancellationToken);
}
