using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Shop.Application.Common.Ports;
using Shop.Application.Ordering.Ports;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Catalog;
using Shop.Infrastructure.Common.Persistence;

namespace Shop.Infrastructure.Ordering;

internal sealed class OrderRepository : IOrderRepository
{
    private readonly ShopDbContext _context;
    private readonly CacheInvalidation _invalidation;

    public OrderRepository(ShopDbContext context, CacheInvalidation invalidation)
    {
        _context = context;
        _invalidation = invalidation;
    }

    public async Task<Order?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken)
    {
        // Lock first, load the lines in a second statement: a statement's snapshot is taken before it waits
        // for the lock, so lines committed by the transaction we waited for would be invisible to a join.
        var order = await _context.Set<Order>()
            .FromSql($"SELECT * FROM orders WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (order is not null)
        {
            await _context.Entry(order).Collection(o => o.Items).LoadAsync(cancellationToken);
        }

        return order;
    }

    public async Task<IReadOnlyList<Guid>> SavePaymentAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status != OrderStatus.Paid)
        {
            throw new InvalidOperationException($"Order '{order.Id}' is {order.Status.ToName()}: only a paid order's payment is saved.");
        }

        var transaction = _context.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("A payment is saved inside the command's transaction, which undoes a refused one.");

        // One statement per line, in product id order (QuantitiesByProduct is sorted): each locks one row, so
        // every payment locks its products in the same order and two payments sharing products cannot deadlock.
        var quantities = order.QuantitiesByProduct();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (productId, quantity) in quantities)
        {
            batch.BatchCommands.Add(StockStatements.Take(productId, quantity));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE orders SET status = $2 WHERE id = $1")
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = order.Id },
                new NpgsqlParameter<string> { TypedValue = order.Status.ToName() },
            },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);

        var shortOfStock = quantities.Where((_, line) => batch.BatchCommands[line].RecordsAffected == 0)
            .Select(line => line.ProductId)
            .ToList();
        if (shortOfStock.Count == 0)
        {
            foreach (var (productId, _) in quantities)
            {
                _invalidation.Invalidate(StaleCacheEntries.OfProduct(productId));
            }

            // The batch wrote the status; SaveChanges must not write it a second time.
            var status = _context.Entry(order).Property(o => o.Status);
            status.OriginalValue = order.Status;
            status.IsModified = false;
        }

        return shortOfStock;
    }

    public void Add(Order order) => _context.Set<Order>().Add(order);
}
