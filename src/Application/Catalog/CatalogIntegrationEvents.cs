using Shop.Application.Catalog.Ports;
using Shop.Application.Events;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog;

/// <summary>
/// Catalog's events as API consumers receive them: the product as GET shows it, read inside the transaction (a
/// payment's stock take changes the row without loading the product); a deleted product as its id.
/// </summary>
internal sealed class CatalogIntegrationEvents : IIntegrationEventMapper
{
    private readonly IProductRepository _products;

    public CatalogIntegrationEvents(IProductRepository products) => _products = products;

    public async Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken)
    {
        var typed = events
            .Select(raised => (raised.Event.AggregateId, raised.Aggregate, Type: raised.Event switch
            {
                ProductCreated => IntegrationEventTypes.ProductCreated,
                ProductUpdated => IntegrationEventTypes.ProductUpdated,
                ProductStockChanged => IntegrationEventTypes.ProductStockChanged,
                ProductDeleted => IntegrationEventTypes.ProductDeleted,
                _ => null,
            }))
            .Where(e => e.Type is not null)
            .ToList();
        if (typed.Count == 0)
        {
            return [];
        }

        // Only a product changed without its aggregate (a payment's stock take) is read; the others are in memory.
        var current = typed.Select(e => e.Aggregate).OfType<Product>().DistinctBy(product => product.Id)
            .ToDictionary(product => product.Id, product => product.ToResponse());
        var unloaded = typed.Where(e => e.Type != IntegrationEventTypes.ProductDeleted && !current.ContainsKey(e.AggregateId))
            .Select(e => e.AggregateId).ToHashSet();
        if (unloaded.Count > 0)
        {
            foreach (var product in await _products.GetManyAsync(unloaded, cancellationToken))
            {
                current[product.Id] = product.ToResponse();
            }
        }

        return typed
            .Select(e => e.Type == IntegrationEventTypes.ProductDeleted
                ? new IntegrationEvent(e.Type!, e.AggregateId, new DeletedProduct(e.AggregateId))
                : new IntegrationEvent(e.Type!, e.AggregateId, current[e.AggregateId]))
            .ToList();
    }

    /// <summary>What <c>product.deleted</c> carries: only the id, the product is gone.</summary>
    internal sealed record DeletedProduct(Guid Id);
}
