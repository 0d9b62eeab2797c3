namespace Shop.Application.Events;

/// <summary>
/// An event that leaves the process (a webhook delivery): its type (<see cref="IntegrationEventTypes"/>), the resource
/// it is about, and <paramref name="Data"/>, the resource as the API's GET shows it right after the change.
/// </summary>
public sealed record IntegrationEvent(string Type, Guid ResourceId, object Data);
