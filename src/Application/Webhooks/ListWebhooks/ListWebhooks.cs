using FluentValidation;
using Mediator;
using Shop.Application.Pagination;
using Shop.Application.Validation;
using Shop.Application.Webhooks.Ports;

namespace Shop.Application.Webhooks.ListWebhooks;

/// <summary>The webhook subscriptions, newest first, without their secrets.</summary>
public sealed record ListWebhooksQuery(int Page, int PageSize) : IQuery<PagedResponse<WebhookResponse>>;

internal sealed class ListWebhooksValidator : AbstractValidator<ListWebhooksQuery>
{
    public ListWebhooksValidator()
    {
        RuleFor(query => query.Page).ValidPage();
        RuleFor(query => query.PageSize).ValidPageSize();
    }
}

internal sealed class ListWebhooksHandler : IQueryHandler<ListWebhooksQuery, PagedResponse<WebhookResponse>>
{
    private readonly IWebhookQueries _webhooks;

    public ListWebhooksHandler(IWebhookQueries webhooks) => _webhooks = webhooks;

    public async ValueTask<PagedResponse<WebhookResponse>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken) =>
        await _webhooks.ListAsync(query.Page, query.PageSize, cancellationToken);
}
