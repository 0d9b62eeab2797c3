using Mediator;
using Shop.Application.Events;

namespace Shop.ArchitectureTests.Offenders.WebApi.Catalog;

/// <summary>Offends "notification handlers live in Application": a handler at the HTTP edge.</summary>
internal sealed class WidgetCacheWarmingHandler : INotificationHandler<DomainEventNotification>
{
    public ValueTask Handle(DomainEventNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
