using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Shop.Application.Caching;
using Shop.Application.Errors;
using Shop.Application.Persistence;

namespace Shop.Infrastructure.Persistence;

internal sealed class UnitOfWork : IUnitOfWork
{
    private readonly ShopDbContext _context;
    private readonly CacheInvalidation _invalidation;
    private IDbContextTransaction? _transaction;
    private bool _committedWithStatements;

    public bool CommitOutcomeUnknown { get; private set; }

    /// <summary>The command's transaction, for statements the adapters send themselves on its connection.</summary>
    internal NpgsqlTransaction Transaction => _transaction?.GetDbTransaction() as NpgsqlTransaction
        ?? throw new InvalidOperationException("The command's transaction has not begun: statements that lock or commit run inside it.");

    public UnitOfWork(ShopDbContext context, CacheInvalidation invalidation)
    {
        _context = context;
        _invalidation = invalidation;
    }

    public async Task BeginTransactionAsync(CancellationToken cancellationToken)
    {
        _committedWithStatements = false;
        CommitOutcomeUnknown = false;
        _transaction = await _context.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="requiredChanges"/> and the COMMIT of the command's transaction in one round trip, so that
    /// the rows they lock stay locked only while PostgreSQL runs them, not while this process waits for a thread to
    /// send the COMMIT. Tracked changes not yet saved are saved first. When one of them changes no row, PostgreSQL
    /// skips the rest, the COMMIT included, and the transaction is rolled back here.
    /// </summary>
    /// <param name="requiredChanges">Statements made by <see cref="RequiredChange.Of"/>, run in this order.</param>
    /// <param name="readAfterRollback">
    /// A query to send with the ROLLBACK when the statement at the given index changed nothing (one value: the first
    /// column of its first row), or null to read nothing.
    /// </param>
    /// <param name="cancellationToken">Cancels the save of tracked changes before it; the round trip itself is not
    /// cancelled once sent (a cancellation after its COMMIT ran would report a committed change as failed), and is
    /// bounded by the command timeout.</param>
    /// <returns>Null when committed; else the index of the first statement that changed nothing and what was read.</returns>
    internal async Task<UnchangedStatement?> CommitWithAsync(
        IReadOnlyList<NpgsqlBatchCommand> requiredChanges, Func<int, NpgsqlBatchCommand?> readAfterRollback, CancellationToken cancellationToken)
    {
        var transaction = Transaction;
        if (_context.ChangeTracker.HasChanges())
        {
            await SaveChangesAsync(cancellationToken);
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var statement in requiredChanges)
        {
            batch.BatchCommands.Add(statement);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        // Each required change answers with one result; the one that fails is the first result that cannot be read
        // (PostgresException.BatchCommand is not set for it here).
        var succeeded = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
            while (succeeded < requiredChanges.Count)
            {
                succeeded++;
                await reader.NextResultAsync(CancellationToken.None);
            }
        }
        catch (PostgresException exception) when (RequiredChange.ChangedNothing(exception) && succeeded < requiredChanges.Count)
        {
            return new UnchangedStatement(succeeded, await RollBackAndReadAsync(transaction, readAfterRollback(succeeded)));
        }
        catch (Exception exception) when (CommitOutcome.IsUnknownAfter(exception))
        {
            CommitOutcomeUnknown = true;
            throw;
        }

        // The connection has left the transaction: disposing it sends nothing.
        _committedWithStatements = true;
        await DisposeTransactionAsync();
        return null;
    }

    // One round trip for the ROLLBACK and what the caller wants to know after it (the read runs outside the transaction).
    private async Task<object?> RollBackAndReadAsync(NpgsqlTransaction transaction, NpgsqlBatchCommand? read)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction) { BatchCommands = { new NpgsqlBatchCommand("ROLLBACK") } };
        if (read is not null)
        {
            batch.BatchCommands.Add(read);
        }

        object? value = null;
        await using (var reader = await batch.ExecuteReaderAsync(CancellationToken.None))
        {
            do
            {
                if (reader.FieldCount > 0 && await reader.ReadAsync(CancellationToken.None))
                {
                    value = reader.IsDBNull(0) ? null : reader.GetValue(0);
                }
            }
            while (await reader.NextResultAsync(CancellationToken.None));
        }

        // The connection has left the transaction: disposing it sends nothing.
        _context.ChangeTracker.Clear();
        await DisposeTransactionAsync();
        return value;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        try
        {
            await _transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (CommitOutcome.IsUnknownAfter(exception))
        {
            CommitOutcomeUnknown = true;
            throw;
        }
        finally
        {
            await DisposeTransactionAsync();
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        try
        {
            await _transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            _context.ChangeTracker.Clear();
            await DisposeTransactionAsync();
        }
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (_committedWithStatements && _context.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("The command's transaction was committed with its last statements: later changes would be saved outside it.");
        }

        foreach (var key in StaleCacheEntries.Of(_context.ChangeTracker))
        {
            _invalidation.Invalidate(key);
        }

        try
        {
            await _context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException postgres)
        {
            throw Translate(exception, postgres) ?? (Exception)exception;
        }
    }

    // Constraints the database enforces even when two requests race past the handler's checks.
    private static ConflictException? Translate(DbUpdateException exception, PostgresException postgres) => postgres.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation when postgres.ConstraintName == "idx_users_email" =>
            new ConflictException("A user with this e-mail already exists.", exception),
        PostgresErrorCodes.ForeignKeyViolation when exception.Entries.Any(entry => entry.State == EntityState.Deleted) =>
            new ConflictException("The product is part of an order and cannot be deleted.", exception),
        PostgresErrorCodes.ForeignKeyViolation =>
            new ConflictException("A product or user this change refers to no longer exists.", exception),
        _ => null,
    };

    private async Task DisposeTransactionAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}

/// <summary>The required change that changed nothing, by its index, and what was read with the rollback.</summary>
internal sealed record UnchangedStatement(int Index, object? Read);
