using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Shop.Infrastructure.Persistence;

/// <summary>Plain SQL on the command's transaction, for statements EF Core has no words for (a row lock, a guarded update).</summary>
internal static class TransactionCommands
{
    public static NpgsqlCommand CreateCommand(this ShopDbContext context, string sql, params NpgsqlParameter[] parameters)
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("The command's transaction has not begun: statements that lock or change rows run inside it.");
        var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
