using FluentValidation;
using Mediator;
using Shop.Application.Ordering.Ports;
using Shop.Application.Pagination;
using Shop.Application.Validation;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering.ListMyOrders;

/// <summary>The caller's orders, newest first, optionally only those with one status.</summary>
public sealed record ListMyOrdersQuery(Guid UserId, string? Status, int Page, int PageSize) : IQuery<PagedResponse<OrderResponse>>;

internal sealed class ListMyOrdersValidator : AbstractValidator<ListMyOrdersQuery>
{
    public ListMyOrdersValidator()
    {
        RuleFor(query => query.Page).ValidPage();
        RuleFor(query => query.PageSize).ValidPageSize();
        RuleFor(query => query.Status)
            .Must(status => string.IsNullOrEmpty(status) || OrderStatusNames.TryParse(status) is not null)
            .WithMessage("'status' must be one of pending, paid, cancelled.");
    }
}

internal sealed class ListMyOrdersHandler : IQueryHandler<ListMyOrdersQuery, PagedResponse<OrderResponse>>
{
    private readonly IOrderQueries _orders;

    public ListMyOrdersHandler(IOrderQueries orders) => _orders = orders;

    public async ValueTask<PagedResponse<OrderResponse>> Handle(ListMyOrdersQuery query, CancellationToken cancellationToken) =>
        await _orders.ListAsync(query.UserId, OrderStatusNames.TryParse(query.Status), query.Page, query.PageSize, cancellationToken);
}
