using Microsoft.EntityFrameworkCore;
using Shop.Application.Pagination;
using Shop.Application.Webhooks;
using Shop.Application.Webhooks.Ports;
using Shop.Domain.Webhooks;
using Shop.Infrastructure.Outbox;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.Webhooks;

internal sealed class WebhookQueries : IWebhookQueries
{
    private readonly ReplicaReads _replica;

    public WebhookQueries(ReplicaReads replica) => _replica = replica;

    public async Task<PagedResponse<WebhookResponse>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var subscriptions = _replica.Context.Set<WebhookSubscription>().AsNoTracking();
        var totalCount = await subscriptions.CountAsync(cancellationToken);
        var items = await subscriptions
            .OrderByDescending(subscription => subscription.CreatedAt).ThenByDescending(subscription => subscription.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(subscription => new WebhookResponse(subscription.Id, subscription.Url, subscription.Events, subscription.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PagedResponse<WebhookResponse>(items, page, pageSize, totalCount);
    }

    public async Task<PagedResponse<WebhookDeliveryResponse>?> ListDeliveriesAsync(
        Guid webhookId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var database = _replica.Context;
        if (!await database.Set<WebhookSubscription>().AnyAsync(subscription => subscription.Id == webhookId, cancellationToken))
        {
            return null;
        }

        var deliveries = database.Set<WebhookDelivery>().AsNoTracking().Where(delivery => delivery.SubscriptionId == webhookId);
        var totalCount = await deliveries.CountAsync(cancellationToken);
        // Newest event first: the outbox position is the commit order (idx_webhook_deliveries_subscription).
        var rows = await deliveries
            .OrderByDescending(delivery => delivery.Position).ThenByDescending(delivery => delivery.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Join(database.Set<OutboxMessage>(), delivery => delivery.MessageId, message => message.Id, (delivery, message) => new
            {
                delivery.MessageId,
                message.Type,
                delivery.State,
                delivery.Attempts,
                delivery.LastStatusCode,
                delivery.LastAttemptAt,
                delivery.NextAttemptAt,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(row => new WebhookDeliveryResponse(
            WebhookIds.Of(row.MessageId), row.Type, row.State, row.Attempts, row.LastStatusCode, row.LastAttemptAt, row.NextAttemptAt)).ToList();
        return new PagedResponse<WebhookDeliveryResponse>(items, page, pageSize, totalCount);
    }
}
