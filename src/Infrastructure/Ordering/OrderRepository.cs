using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Application.Caching;
using Shop.Application.Ordering.Ports;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Catalog;
using Shop.Infrastructure.Persistence;

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

    // Compiled once: a query built per call (or a navigation's Load) pays for the parameter extraction, the query
    // cache lookup and, for a navigation, new delegates on every call.
    private static readonly Func<ShopDbContext, Guid, CancellationToken, Task<Order?>> s_orderWithLines =
        EF.CompileAsyncQuery((ShopDbContext context, Guid id, CancellationToken _) =>
            context.Set<Order>().Include(order => order.Items).SingleOrDefault(order => order.Id == id));

    public async Task<Order?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken)
    {
        // Lock first, load the order and its lines in a second statement: a statement's snapshot is taken before it
        // waits for a lock, so lines committed by the transaction we waited for would be invisible to the same one.
        return await LockOrderAsync(id, cancellationToken) ? await s_orderWithLines(_context, id, cancellationToken) : null;
    }

    private async Task<bool> LockOrderAsync(Guid id, CancellationToken cancellationToken)
    {
        var transaction = _unitOfWork.Transaction;
        await using var command = new NpgsqlCommand("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE", transaction.Connection, transaction)
        {
            Parameters = { new NpgsqlParameter<Guid> { TypedValue = id } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
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

        // Named stale before the round trip: should it fail without an answer, the payment may have been committed
        // and the keys still go. A refusal rolls everything back, so nothing the command did made a key stale.
        foreach (var key in quantities.SelectMany(line => StaleCacheEntries.OfProduct(line.ProductId)))
        {
            _invalidation.Invalidate(key);
        }

        var unchanged = await _unitOfWork.CommitWithAsync(
            statements, index => index < quantities.Count ? StockStatements.StockOf(quantities[index].ProductId) : null, cancellationToken);
        if (unchanged is not null)
        {
            _invalidation.Clear();
            return unchanged.Index < quantities.Count
                ? new ShortOfStock(quantities[unchanged.Index].ProductId, unchanged.Read as int? ?? 0)
                : throw new InvalidOperationException($"Order '{order.Id}' was not found to write its status, though this transaction locked it.");
        }

        return null;
    }

    public void Add(Order order) => _context.Set<Order>().Add(order);
}
