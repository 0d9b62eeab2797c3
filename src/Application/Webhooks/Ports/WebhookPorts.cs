using Shop.Application.Pagination;
using Shop.Domain.Webhooks;

namespace Shop.Application.Webhooks.Ports;

public interface IWebhookRepository
{
    void Add(WebhookSubscription subscription);

    /// <summary>Deletes the subscription and, with it, its deliveries (pending ones included); false when there was none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>Read side of Webhooks: no tracking, projected straight to responses, never a secret.</summary>
public interface IWebhookQueries
{
    /// <summary>The subscriptions, newest first.</summary>
    Task<PagedResponse<WebhookResponse>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The subscription's deliveries, newest event first; null when there is no such subscription.</summary>
    Task<PagedResponse<WebhookDeliveryResponse>?> ListDeliveriesAsync(Guid webhookId, int page, int pageSize, CancellationToken cancellationToken);
}
