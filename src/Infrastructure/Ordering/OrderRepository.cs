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

    private static readonly Func<ShopDbContext, Guid[], IAsyncEnumerable<Order>> OrdersWithLines =
        EF.CompileAsyncQuery((ShopDbContext context, Guid[] ids) =>
            context.Set<Order>().Include(order => order.Items).Where(order => ids.Contains(order.Id)));

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

    public async Task<IReadOnlyList<Order>> ClaimExpiredForUpdateAsync(DateTime placedBy, int limit, CancellationToken cancellationToken)
    {
        // SKIP LOCKED: an order another sweep or a payment holds is left to it, and nobody waits. Locked first, loaded
        // with its lines second, as above.
        await using var claim = _context.CreateCommand(
            """
            SELECT id FROM orders
            WHERE status = 'pending' AND created_at <= $1
            ORDER BY created_at
            LIMIT $2
            FOR UPDATE SKIP LOCKED
            """,
            new NpgsqlParameter<DateTime> { TypedValue = placedBy },
            new NpgsqlParameter<int> { TypedValue = limit });
        var ids = new List<Guid>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var orders = new List<Order>(ids.Count);
        if (ids.Count > 0)
        {
            await foreach (var order in OrdersWithLines(_context, [.. ids]).WithCancellation(cancellationToken))
            {
                orders.Add(order);
            }
        }

        return orders;
    }

    public void Add(Order order) => _context.Set<Order>().Add(order);
}
