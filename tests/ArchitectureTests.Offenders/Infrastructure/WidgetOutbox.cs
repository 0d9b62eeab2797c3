using Shop.Application.Events;
using Shop.Application.Events.Ports;

namespace Shop.ArchitectureTests.Offenders.Infrastructure;

/// <summary>A well-placed outbox (in Infrastructure): breaks no rule by itself.</summary>
internal sealed class WidgetOutbox : IOutbox
{
    public Task WriteAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Wake()
    {
    }
}
