using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Application.Errors;

namespace Shop.Infrastructure.Idempotency;

/// <summary>Runs <see cref="IdempotencyRecordSweep"/> every <see cref="IdempotencyRecordOptions.SweepInterval"/>, in a scope of its own each time.</summary>
internal sealed partial class IdempotencyRecordSweeper : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IdempotencyRecordOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<IdempotencyRecordSweeper> _logger;

    public IdempotencyRecordSweeper(
        IServiceScopeFactory scopes, IOptions<IdempotencyRecordOptions> options, TimeProvider clock, ILogger<IdempotencyRecordSweeper> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IdempotencyRecordSweep>().RunAsync(stoppingToken);
            }
            catch (Exception exception) when (TransientFailures.IsDatabase(exception))
            {
                // The outage log reports the outage; the next tick tries again.
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever went wrong, the API keeps serving and the next tick tries again.
                LogFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The removal of expired idempotency records failed; it runs again at its next interval")]
    private partial void LogFailed(Exception exception);
}
