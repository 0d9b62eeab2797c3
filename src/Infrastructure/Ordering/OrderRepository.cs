using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Application.Ordering.Ports;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Ordering;

internal sealed class OrderRepository : IOrderRepository
{
    // Compiled once: a query built per call (or a navigation's Load) pays for the parameter extraction, the query
    // cache lookup and, for a navigation, new delegates on every call.
    private static readonly Func<ShopDbContext, Guid, CancellationToken, Task<Order?>> OrderWithLines =
        EF.CompileAsyncQuery((ShopDbContext context, Guid id, CancellationToken _) =>
            context.Set<Order>().Include(order => order.Items).SingleOrDefault(order => order.Id == id));

    private readonly ShopDbContext _context;

    public OrderRepository(ShopDbContext context) => _context = context;

    public async Task<Order?> GetOwnedForUpdateAsync(Guid orderId, Guid ownerId, CancellationToken cancellationToken)
    {
        // Lock first, then load the order and its lines in a second statement: a statement's snapshot is taken before
        // it waits for a lock, so lines committed by the transaction we waited for would be invisible to the same one.
        await using var lockOrder = _context.CreateCommand(
            "SELECT 1 FROM orders WHERE id = $1 AND user_id = $2 FOR UPDATE",
            new NpgsqlParameter<Guid> { TypedValue = orderId },
            new NpgsqlParameter<Guid> { TypedValue = ownerId });
        return await lockOrder.ExecuteScalarAsync(cancellationToken) is null ? null : await OrderWithLines(_context, orderId, cancellationToken);
    }

    public void Add(Order order) => _context.Set<Order>().Add(order);
}
