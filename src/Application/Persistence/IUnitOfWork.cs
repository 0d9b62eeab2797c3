using Shop.Application.Events;

namespace Shop.Application.Persistence;

/// <summary>Saves what the repositories changed, inside one database transaction per command.</summary>
public interface IUnitOfWork
{
    Task BeginTransactionAsync(CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);

    Task RollbackAsync(CancellationToken cancellationToken);

    /// <summary>Saves the tracked changes and collects the domain events the changed aggregates raised.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>The domain events collected by the saves since the last call, in the order they were raised; the list is emptied.</summary>
    IReadOnlyList<RaisedEvent> TakeRaisedEvents();

    /// <summary>
    /// Whether the command's commit (or a save outside a transaction) was sent and failed without an answer from the database (the connection broke, a
    /// timeout): the change may have been committed. A failure the database answered is never such a case.
    /// </summary>
    bool CommitOutcomeUnknown { get; }
}
