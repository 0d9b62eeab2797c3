using Shop.Domain.Webhooks;

namespace Shop.Application.Webhooks;

/// <summary>A webhook subscription as the API lists it: never its secret.</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTime CreatedAt);

/// <summary>A new webhook subscription with its signing secret, which no other answer shows.</summary>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTime CreatedAt, string Secret);

/// <summary>One event sent (or to be sent) to a subscription: its webhook-id, type and delivery state.</summary>
public sealed record WebhookDeliveryResponse(
    string WebhookId, string Type, string State, int Attempts, int? LastStatusCode, DateTime? LastAttemptAt, DateTime? NextAttemptAt);

internal static class WebhookMapper
{
    public static CreatedWebhookResponse ToCreatedResponse(this WebhookSubscription subscription) =>
        new(subscription.Id, subscription.Url, subscription.Events, subscription.CreatedAt, subscription.Secret);
}
