using Npgsql;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Catalog;

/// <summary>Stock changes written as SQL statements, for use cases that must not load the products first.</summary>
internal static class StockStatements
{
    /// <summary>
    /// Takes <paramref name="quantity"/> from the product's stock only if that much is there, and fails (a
    /// <see cref="RequiredChange"/>) when the stock was short. PostgreSQL re-checks the guard on the latest row version
    /// after waiting for a concurrent writer, so the stock never goes below zero.
    /// </summary>
    public static NpgsqlBatchCommand TakeOrFail(Guid productId, int quantity) =>
        RequiredChange.Of(
            "UPDATE products SET stock = stock - $2 WHERE id = $1 AND stock >= $2",
            new NpgsqlParameter<Guid> { TypedValue = productId },
            new NpgsqlParameter<int> { TypedValue = quantity });

    /// <summary>The product's stock now: one value, none when the product is gone.</summary>
    public static NpgsqlBatchCommand StockOf(Guid productId) =>
        new("SELECT stock FROM products WHERE id = $1") { Parameters = { new NpgsqlParameter<Guid> { TypedValue = productId } } };
}
