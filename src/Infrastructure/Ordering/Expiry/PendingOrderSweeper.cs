using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Application.Errors;
using Shop.Application.Ordering.ExpirePendingOrders;

namespace Shop.Infrastructure.Ordering.Expiry;

/// <summary>
/// Every <see cref="PendingOrderOptions.ExpirySweepInterval"/>, sends <see cref="ExpirePendingOrdersCommand"/> through
/// the mediator (so each batch commits, writes its outbox messages and publishes its events like any command), a batch
/// per scope, until a batch comes back smaller than its size.
/// </summary>
internal sealed partial class PendingOrderSweeper : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly PendingOrderOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<PendingOrderSweeper> _logger;

    public PendingOrderSweeper(
        IServiceScopeFactory scopes, IOptions<PendingOrderOptions> options, TimeProvider clock, ILogger<PendingOrderSweeper> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.ExpirySweepEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.ExpirySweepInterval, _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var cancelled = await SweepAsync(stoppingToken);
                if (cancelled > 0)
                {
                    LogCancelled(cancelled);
                }
            }
            catch (Exception exception) when (TransientFailures.IsDatabase(exception))
            {
                // The outage log reports the outage; the next tick tries again, and committed batches stay done.
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever went wrong, the API keeps serving and the next tick tries again.
                LogFailed(exception);
            }
        }
    }

    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var command = new ExpirePendingOrdersCommand(ExpirePendingOrdersCommand.DefaultBatchSize);
        var cancelled = 0;
        int batch;
        do
        {
            await using var scope = _scopes.CreateAsyncScope();
            batch = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
            cancelled += batch;
        }
        while (batch == command.BatchSize);

        return cancelled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Count} pending orders that expired unpaid")]
    private partial void LogCancelled(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sweep of expired pending orders failed; it runs again at its next interval")]
    private partial void LogFailed(Exception exception);
}
