namespace Shop.Application.Events;

/// <summary>
/// Turns a module's domain events into the integration events that leave the process. Runs inside the command's
/// transaction after its changes are saved, so what it reads is the state the commit will make visible.
/// </summary>
public interface IIntegrationEventMapper
{
    Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken);
}
