using Shop.Application.Events;

namespace Shop.Application.Webhooks;

/// <summary>The event names as the webhook routes take and show them.</summary>
public static class WebhookEvents
{
    /// <summary>The types a delivery carries.</summary>
    public static IReadOnlyList<string> Types => IntegrationEventTypes.Names;

    /// <summary>What a subscription's <c>events</c> may name: every type, or "*" for all.</summary>
    public static IReadOnlyList<string> Subscribable { get; } = [.. IntegrationEventTypes.Names, IntegrationEventTypes.All];
}
