using Microsoft.EntityFrameworkCore;
using Shop.Application.Ordering.Ports;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Common.Persistence;

namespace Shop.Infrastructure.Ordering;

internal sealed class OrderRepository : IOrderRepository
{
    private readonly ShopDbContext _context;

    public OrderRepository(ShopDbContext context) => _context = context;

    public async Task<Order?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken) =>
        await _context.Set<Order>()
            .FromSql($"SELECT * FROM orders WHERE id = {id} FOR UPDATE")
            .Include(order => order.Items)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    public void Add(Order order) => _context.Set<Order>().Add(order);
}
