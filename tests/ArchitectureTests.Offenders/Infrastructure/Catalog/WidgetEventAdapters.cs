using Mediator;
using Shop.Application.Events;

namespace Shop.ArchitectureTests.Offenders.Infrastructure.Catalog;

/// <summary>Offends "notification handlers live in Application": a handler among the adapters.</summary>
internal sealed class WidgetWebhookHandler : INotificationHandler<DomainEventNotification>
{
    public ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Offends "integration event mappers are Application code": a mapper among the adapters.</summary>
internal sealed class WidgetEventsMapper : IIntegrationEventMapper
{
    public Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IntegrationEvent>>([]);
}
