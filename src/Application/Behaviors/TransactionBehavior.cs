using Mediator;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;

namespace Shop.Application.Behaviors;

/// <summary>
/// Wraps each command in one database transaction: save and commit on success, roll back on
/// any failure, and remove the cache keys the command made stale only after the commit.
/// A command may end its transaction itself with its last statements (the payment: <c>IOrderRepository.CommitPaymentAsync</c>);
/// the commit here then has nothing left to do, and its stale keys are removed all the same.
/// A commit that fails without an answer from the database may have taken effect; its keys are then removed too.
/// A command marked <see cref="IRunsWithoutTransaction"/> only saves (one implicit transaction). After the commit it
/// also records where the primary's log stands, so that the client's next reads include the write.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    private readonly IUnitOfWork _unitOfWork;
    private readonly CacheInvalidation _invalidation;
    private readonly ICache _cache;
    private readonly IWritePositions _positions;
    private readonly ReadConsistency _consistency;

    public TransactionBehavior(
        IUnitOfWork unitOfWork, CacheInvalidation invalidation, ICache cache, IWritePositions positions, ReadConsistency consistency)
    {
        _unitOfWork = unitOfWork;
        _invalidation = invalidation;
        _cache = cache;
        _positions = positions;
        _consistency = consistency;
    }

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        _invalidation.Clear();
        if (message is IRunsWithoutTransaction)
        {
            var saved = await next(message, cancellationToken);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            await AfterCommitAsync();
            return saved;
        }

        await _unitOfWork.BeginTransactionAsync(cancellationToken);
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            await _unitOfWork.CommitAsync(cancellationToken);
        }
        catch
        {
            if (_unitOfWork.CommitOutcomeUnknown)
            {
                // The change may have been committed: its keys go all the same (at worst a cache miss), or a cached
                // old value would outlive it until its TTL. First, since the rollback of a broken connection may throw.
                await RemoveStaleKeysAsync();
            }

            await _unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }

        await AfterCommitAsync();
        return response;
    }

    // The client's next reads must include this write, on a replica or the primary.
    private async Task AfterCommitAsync()
    {
        _consistency.RecordWrite(await _positions.CurrentAsync(CancellationToken.None));
        await RemoveStaleKeysAsync();
    }

    private async Task RemoveStaleKeysAsync()
    {
        if (_invalidation.Keys.Count > 0)
        {
            await _cache.RemoveAsync([.. _invalidation.Keys], CancellationToken.None);
            _invalidation.Clear();
        }
    }
}
