using Microsoft.EntityFrameworkCore;
using Shop.Application.Ordering.Ports;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Common.Persistence;

namespace Shop.Infrastructure.Ordering;

internal sealed class OrderRepository : IOrderRepository
{
    private readonly ShopDbContext _context;

    public OrderRepository(ShopDbContext context) => _context = context;

    public async Task<Order?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken)
    {
        // Lock first, load the lines in a second statement: a statement's snapshot is taken before it waits
        // for the lock, so lines committed by the transaction we waited for would be invisible to a join.
        var order = await _context.Set<Order>()
            .FromSql($"SELECT * FROM orders WHERE id = {id} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (order is not null)
        {
            await _context.Entry(order).Collection(o => o.Items).LoadAsync(cancellationToken);
        }

        return order;
    }

    public void Add(Order order) => _context.Set<Order>().Add(order);
}
