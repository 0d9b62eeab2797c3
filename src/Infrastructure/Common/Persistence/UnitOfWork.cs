using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Shop.Application.Common.Errors;
using Shop.Application.Common.Ports;

namespace Shop.Infrastructure.Common.Persistence;

internal sealed class UnitOfWork : IUnitOfWork
{
    private readonly ShopDbContext _context;
    private readonly CacheInvalidation _invalidation;
    private IDbContextTransaction? _transaction;

    public UnitOfWork(ShopDbContext context, CacheInvalidation invalidation)
    {
        _context = context;
        _invalidation = invalidation;
    }

    public async Task BeginTransactionAsync(CancellationToken cancellationToken) =>
        _transaction = await _context.Database.BeginTransactionAsync(cancellationToken);

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
