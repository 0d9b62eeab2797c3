using Mediator;
using Shop.Application.Caching;
using Shop.Application.Persistence;

namespace Shop.Application.Behaviors;

/// <summary>
/// Wraps each command in one database transaction: save and commit on success, roll back on any failure. After the
/// commit, the cache keys the command made stale are removed; so they are after a commit that failed without an answer
/// from the database (it may have taken effect), never after a known failure. A command marked
/// <see cref="IRunsWithoutTransaction"/> only saves (one implicit transaction).
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    private readonly IUnitOfWork _unitOfWork;
    private readonly CacheInvalidation _invalidation;
    private readonly ICache _cache;

    public TransactionBehavior(IUnitOfWork unitOfWork, CacheInvalidation invalidation, ICache cache)
    {
        _unitOfWork = unitOfWork;
        _invalidation = invalidation;
        _cache = cache;
    }

    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        _invalidation.Clear();
        var inTransaction = message is not IRunsWithoutTransaction;
        if (inTransaction)
        {
            await _unitOfWork.BeginTransactionAsync(cancellationToken);
        }

        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            if (inTransaction)
            {
                await _unitOfWork.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            if (_unitOfWork.CommitOutcomeUnknown)
            {
                // First, since the rollback of a broken connection may throw: at worst a cache miss.
                await RemoveStaleKeysAsync();
            }

            if (inTransaction)
            {
                await _unitOfWork.RollbackAsync(CancellationToken.None);
            }

            throw;
        }

        await RemoveStaleKeysAsync();
        return response;
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
