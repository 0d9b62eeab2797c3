using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Shop.Application.Caching;
using Shop.Application.Errors;
using Shop.Application.Events;
using Shop.Application.Persistence;
using Shop.Domain.Events;
using Shop.Infrastructure.Caching;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.Persistence;

internal sealed class UnitOfWork : IUnitOfWork
{
    private readonly ShopDbContext _context;
    private readonly CacheInvalidation _invalidation;
    private readonly IEnumerable<IStaleCacheKeys> _staleKeys;
    private readonly IEnumerable<ConstraintConflict> _conflicts;
    private readonly WritePositions _positions;
    private readonly List<RaisedEvent> _raised = [];
    private IDbContextTransaction? _transaction;

    public UnitOfWork(
        ShopDbContext context,
        CacheInvalidation invalidation,
        IEnumerable<IStaleCacheKeys> staleKeys,
        IEnumerable<ConstraintConflict> conflicts,
        WritePositions positions)
    {
        _context = context;
        _invalidation = invalidation;
        _staleKeys = staleKeys;
        _conflicts = conflicts;
        _positions = positions;
    }

    public bool CommitOutcomeUnknown { get; private set; }

    public async Task BeginTransactionAsync(CancellationToken cancellationToken)
    {
        CommitOutcomeUnknown = false;
        _raised.Clear();
        _transaction = await _context.Database.BeginTransactionAsync(cancellationToken);
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            CommitOutcomeUnknown = false;
        }

        // Before the save: a deleted aggregate is no longer tracked after it.
        foreach (var entry in _context.ChangeTracker.Entries<AggregateRoot>())
        {
            _raised.AddRange(entry.Entity.TakeDomainEvents().Select(domainEvent => new RaisedEvent(domainEvent, entry.Entity)));
        }

        foreach (var change in _context.ChangeTracker.Entries())
        {
            foreach (var key in _staleKeys.SelectMany(rule => rule.Of(change)))
            {
                _invalidation.Invalidate(key);
            }
        }

        try
        {
            await _context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException postgres)
        {
            throw Translate(exception, postgres) ?? (Exception)exception;
        }
        catch when (_transaction is null)
        {
            // Saved in an implicit transaction of its own, without an answer from the server: it may have committed.
            CommitOutcomeUnknown = true;
            throw;
        }

        if (_transaction is null)
        {
            // Saved in an implicit transaction of its own: committed now.
            await _positions.RecordAfterCommitAsync();
        }
    }

    /// <summary>
    /// Records an event for a change an adapter made to a row without loading its aggregate (a guarded update), as the
    /// aggregate's own method would have raised it.
    /// </summary>
    public void Record(IDomainEvent domainEvent) => _raised.Add(new RaisedEvent(domainEvent, null));

    public IReadOnlyList<RaisedEvent> TakeRaisedEvents()
    {
        var raised = _raised.ToArray();
        _raised.Clear();
        return raised;
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
        catch (Exception exception) when (exception is not PostgresException)
        {
            // No answer from the server (a broken connection, a timeout, a cancellation): the COMMIT may have run.
            CommitOutcomeUnknown = true;
            throw;
        }
        finally
        {
            await DisposeTransactionAsync();
        }

        await _positions.RecordAfterCommitAsync();
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        _raised.Clear();
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

    private ConflictException? Translate(DbUpdateException exception, PostgresException postgres)
    {
        var deleting = exception.Entries.Any(entry => entry.State == EntityState.Deleted);
        var meaning = postgres.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation
            ? _conflicts.FirstOrDefault(conflict => conflict.Constraint == postgres.ConstraintName
                && (postgres.SqlState == PostgresErrorCodes.UniqueViolation || conflict.OnDelete == deleting))
            : null;
        return meaning is null ? null : new ConflictException(meaning.Code, meaning.Message, exception);
    }

    private async Task DisposeTransactionAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}
