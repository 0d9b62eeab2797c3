using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Events;
using Shop.Domain.Events;

namespace Shop.ArchitectureTests.Offenders.Application.Catalog;

/// <summary>Offends "domain events are types of the domain": an event declared in Application.</summary>
public sealed record WidgetShipped(Guid AggregateId) : IDomainEvent;

/// <summary>A well-formed notification handler (internal sealed, changes nothing): breaks no rule by itself.</summary>
internal sealed class WidgetCreatedHandler : INotificationHandler<DomainEventNotification>
{
    public ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Offends "handlers are internal sealed": a public notification handler.</summary>
public sealed class PublicWidgetCreatedHandler : INotificationHandler<DomainEventNotification>
{
    public ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Offends "notification handlers change no data": after the commit it changes a product through a repository.</summary>
internal sealed class WidgetRestockHandler : INotificationHandler<DomainEventNotification>
{
    private readonly IProductRepository _products;

    public WidgetRestockHandler(IProductRepository products) => _products = products;

    public async ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken)
    {
        var product = await _products.GetByIdAsync(notification.Event.AggregateId, cancellationToken);
        product?.UpdateStock(1);
    }
}

/// <summary>Offends "notification handlers change no data": it sends a command (inside a lambda).</summary>
internal sealed class WidgetReorderHandler : INotificationHandler<DomainEventNotification>
{
    private readonly ISender _sender;

    public WidgetReorderHandler(ISender sender) => _sender = sender;

    public async ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken)
    {
        Func<Task> reorder = async () => await _sender.Send(new Cqrs.ArchiveWidgetCommand(notification.Event.AggregateId), cancellationToken);
        await reorder();
    }
}

/// <summary>A well-formed integration event mapper (internal sealed, in its module's folder): breaks no rule by itself.</summary>
internal sealed class WidgetIntegrationEvents : IIntegrationEventMapper
{
    public Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IntegrationEvent>>([]);
}

/// <summary>Offends "integration event mappers are internal".</summary>
public sealed class PublicWidgetIntegrationEvents : IIntegrationEventMapper
{
    public Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IntegrationEvent>>([]);
}

/// <summary>Offends "integration event mappers are sealed".</summary>
internal class UnsealedWidgetIntegrationEvents : IIntegrationEventMapper
{
    public Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IntegrationEvent>>([]);
}
