using FluentValidation;
using Mediator;
using Shop.Application.Errors;
using Shop.Application.Pagination;
using Shop.Application.Validation;
using Shop.Application.Webhooks.Ports;

namespace Shop.Application.Webhooks.ListWebhookDeliveries;

/// <summary>The events sent (or to be sent) to one subscription, newest first, with each delivery's state.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, int Page, int PageSize) : IQuery<PagedResponse<WebhookDeliveryResponse>>;

internal sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(query => query.WebhookId).NotEmpty();
        RuleFor(query => query.Page).ValidPage();
        RuleFor(query => query.PageSize).ValidPageSize();
    }
}

internal sealed class ListWebhookDeliveriesHandler : IQueryHandler<ListWebhookDeliveriesQuery, PagedResponse<WebhookDeliveryResponse>>
{
    private readonly IWebhookQueries _webhooks;

    public ListWebhookDeliveriesHandler(IWebhookQueries webhooks) => _webhooks = webhooks;

    public async ValueTask<PagedResponse<WebhookDeliveryResponse>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken) =>
        await _webhooks.ListDeliveriesAsync(query.WebhookId, query.Page, query.PageSize, cancellationToken)
            ?? throw new NotFoundException("Webhook", query.WebhookId);
}
