using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Shop.Application.Events;
using Shop.Application.Events.Ports;

namespace Shop.ArchitectureTests.Offenders.Application.Common;

/// <summary>Offends "Application does not use the HTTP client": it posts a webhook itself instead of through the outbox.</summary>
internal static class ApplicationTypeUsingHttpClient
{
    public static async Task PostAsync(HttpClient client, Uri receiver, IntegrationEvent integrationEvent) =>
        (await client.PostAsJsonAsync(receiver, integrationEvent)).EnsureSuccessStatusCode();
}

/// <summary>Offends "Application hosts no background service": a relay loop belongs in Infrastructure.</summary>
internal sealed class ApplicationTypeUsingHosting : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}

/// <summary>Offends "the outbox is implemented in Infrastructure": an outbox kept in Application.</summary>
internal sealed class InMemoryOutbox : IOutbox
{
    private readonly List<IntegrationEvent> _events = [];

    public Task WriteAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        _events.AddRange(events);
        return Task.CompletedTask;
    }

    public void Wake()
    {
    }
}

/// <summary>Offends "integration event mappers live in their module's folder": one mapper shared by every module.</summary>
internal sealed class SharedIntegrationEvents : IIntegrationEventMapper
{
    public Task<IReadOnlyList<IntegrationEvent>> MapAsync(IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IntegrationEvent>>([]);
}
