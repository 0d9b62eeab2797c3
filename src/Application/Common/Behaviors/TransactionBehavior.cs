using Mediator;
using Shop.Application.Common.Ports;

namespace Shop.Application.Common.Behaviors;

/// <summary>
/// Wraps each command in one database transaction: save and commit on success, roll back on
/// any failure, and remove the cache keys the command made stale only after the commit.
/// A command marked <see cref="IRunsWithoutTransaction"/> only saves (one implicit transaction).
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
        if (message is IRunsWithoutTransaction)
        {
            var saved = await next(message, cancellationToken);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            await RemoveStaleKeysAsync();
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
            await _unitOfWork.RollbackAsync(CancellationToken.None);
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
