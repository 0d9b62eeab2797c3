using Mediator;
using Microsoft.Extensions.Logging;
using Shop.Application.Caching;
using Shop.Application.Events;
using Shop.Application.Events.Ports;
using Shop.Application.Persistence;

namespace Shop.Application.Behaviors;

/// <summary>
/// The one place where a command commits and where "after commit" happens. Each command runs in one database
/// transaction: the handler, the save, the integration events of what it changed written to the outbox, the commit;
/// any failure rolls it all back. After the commit, the cache keys the command made stale are removed (also after a
/// commit that failed without an answer from the database, which may have taken effect), then its domain events are
/// published as <see cref="DomainEventNotification"/>s (never for a change that may have rolled back). A command
/// marked <see cref="IRunsWithoutTransaction"/> only saves (one implicit transaction) and may raise no events.
/// </summary>
public sealed partial class TransactionBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    private readonly IUnitOfWork _unitOfWork;
    private readonly CacheInvalidation _invalidation;
    private readonly ICache _cache;
    private readonly IEnumerable<IIntegrationEventMapper> _mappers;
    private readonly IOutbox _outbox;
    private readonly IPublisher _publisher;
    private readonly ILogger<TransactionBehavior<TMessage, TResponse>> _logger;

    public TransactionBehavior(
        IUnitOfWork unitOfWork,
        CacheInvalidation invalidation,
        ICache cache,
        IEnumerable<IIntegrationEventMapper> mappers,
        IOutbox outbox,
        IPublisher publisher,
        ILogger<TransactionBehavior<TMessage, TResponse>> logger)
    {
        _unitOfWork = unitOfWork;
        _invalidation = invalidation;
        _cache = cache;
        _mappers = mappers;
        _outbox = outbox;
        _publisher = publisher;
        _logger = logger;
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
        IReadOnlyList<RaisedEvent> raised;
        try
        {
            response = await next(message, cancellationToken);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
            raised = _unitOfWork.TakeRaisedEvents();
            if (raised.Count > 0)
            {
                await WriteToOutboxAsync(raised, inTransaction, cancellationToken);
            }

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
        await PublishAsync(raised);
        return response;
    }

    private async Task WriteToOutboxAsync(IReadOnlyList<RaisedEvent> raised, bool inTransaction, CancellationToken cancellationToken)
    {
        if (!inTransaction)
        {
            throw new InvalidOperationException(
                $"{typeof(TMessage).Name} raised domain events but runs without a transaction: its outbox messages could outlive a failed change.");
        }

        var outgoing = new List<IntegrationEvent>();
        foreach (var mapper in _mappers)
        {
            outgoing.AddRange(await mapper.MapAsync(raised, cancellationToken));
        }

        await _outbox.WriteAsync(outgoing, cancellationToken);
    }

    private async Task RemoveStaleKeysAsync()
    {
        if (_invalidation.Keys.Count > 0)
        {
            await _cache.RemoveAsync([.. _invalidation.Keys], CancellationToken.None);
            _invalidation.Clear();
        }
    }

    // The command has committed: its response stands whatever a handler does, so a failing handler is only logged.
    private async Task PublishAsync(IReadOnlyList<RaisedEvent> raised)
    {
        foreach (var domainEvent in raised.Select(r => r.Event))
        {
            try
            {
                await _publisher.Publish(new DomainEventNotification(domainEvent), CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogHandlerFailed(exception, domainEvent.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of {Event} failed after its command committed; the command's response stands")]
    private partial void LogHandlerFailed(Exception exception, string @event);
}
