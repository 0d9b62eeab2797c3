using Microsoft.EntityFrameworkCore;
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
    private readonly UnitOfWork _unitOfWork;

    public OrderRepository(ShopDbContext context, CacheInvalidation invalidation, UnitOfWork unitOfWork)
    {
        _context = context;
        _invalidation = invalidation;
        _unitOfWork = unitOfWork;
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

    public async Task<ShortOfStock?> CommitPaymentAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status != OrderStatus.Paid)
        {
            throw new InvalidOperationException($"Order '{order.Id}' is {order.Status.ToName()}: only a paid order's payment is saved.");
        }

        // One statement per line, in product id order (QuantitiesByProduct is sorted): each locks one row, so
        // every payment locks its products in the same order and two payments sharing products cannot deadlock.
        var quantities = order.QuantitiesByProduct();
        var statements = new List<NpgsqlBatchCommand>(quantities.Count + 1);
        statements.AddRange(quantities.Select(line => StockStatements.TakeOrFail(line.ProductId, line.Quantity)));
        statements.Add(RequiredChange.Of(
            "UPDATE orders SET status = $2 WHERE id = $1",
            new NpgsqlParameter<Guid> { TypedValue = order.Id },
            new NpgsqlParameter<string> { TypedValue = order.Status.ToName() }));

        // The statements write the status; the commit must not save it a second time.
        var status = _context.Entry(order).Property(o => o.Status);
        status.OriginalValue = order.Status;
        status.IsModified = false;

        var unchanged = await _unitOfWork.CommitWithAsync(
            statements, index => index < quantities.Count ? StockStatements.StockOf(quantities[index].ProductId) : null, cancellationToken);
        if (unchanged is not null)
        {
            return unchanged.Index < quantities.Count
                ? new ShortOfStock(quantities[unchanged.Index].ProductId, unchanged.Read as int? ?? 0)
                : throw new InvalidOperationException($"Order '{order.Id}' was not found to write its status, though this transaction locked it.");
        }

        foreach (var key in quantities.SelectMany(line => StaleCacheEntries.OfProduct(line.ProductId)))
        {
            _invalidation.Invalidate(key);
        }

        return null;
    }

    public void Add(Order order) => _context.Set<Order>().Add(order);
}
