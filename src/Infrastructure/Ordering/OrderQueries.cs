using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Ordering;
using Shop.Application.Ordering.Ports;
using Shop.Application.Pagination;
using Shop.Domain.Common;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.Ordering;

internal sealed class OrderQueries : IOrderQueries
{
    private static readonly Expression<Func<LineItem, LineItemResponse>> LineToResponse = RuleExpressions.Compose(
        (LineItem item, decimal subtotal) => new LineItemResponse(item.Id, item.ProductId, item.Quantity, item.UnitPrice, subtotal),
        LineItem.SubtotalRule);

    private readonly ReplicaReads _replica;

    public OrderQueries(ReplicaReads replica) => _replica = replica;

    public async Task<OrderResponse?> GetAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken)
    {
        var row = await Project(_replica.Context.Set<Order>().AsNoTracking().Where(order => order.Id == orderId && order.UserId == ownerId))
            .FirstOrDefaultAsync(cancellationToken);
        return row?.ToResponse();
    }

    public async Task<PagedResponse<OrderResponse>> ListAsync(
        Guid ownerId, OrderStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var orders = _replica.Context.Set<Order>().AsNoTracking().Where(order => order.UserId == ownerId);
        if (status is { } wanted)
        {
            orders = orders.Where(order => order.Status == wanted);
        }

        var totalCount = await orders.CountAsync(cancellationToken);
        var rows = await Project(orders
                .OrderByDescending(order => order.CreatedAt).ThenByDescending(order => order.Id)
                .Skip((page - 1) * pageSize).Take(pageSize))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new PagedResponse<OrderResponse>([.. rows.Select(row => row.ToResponse())], page, pageSize, totalCount);
    }

    private static IQueryable<OrderRow> Project(IQueryable<Order> orders) =>
        orders.Select(order => new OrderRow(
            order.Id,
            order.UserId,
            order.Status,
            order.Total,
            order.CreatedAt,
            order.Items.OrderBy(item => item.Id)
                .AsQueryable().Select(LineToResponse)
                .ToList()));

    private sealed record OrderRow(
        Guid Id, Guid UserId, OrderStatus Status, decimal Total, DateTime CreatedAt, List<LineItemResponse> Items)
    {
        public OrderResponse ToResponse() => new(Id, UserId, OrderStatusNames.ToName(Status), Total, CreatedAt, Items);
    }
}
