using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Application.Errors;
using Shop.Application.Telemetry;
using Shop.Infrastructure.Webhooks;
using StackExchange.Redis;

namespace Shop.Infrastructure.Outbox;

/// <summary>
/// Delivers the outbox's webhook deliveries; any number of relays may run on one database (ADR 0007). It claims due
/// deliveries under a lease (<see cref="WebhookDeliveries.ClaimAsync"/>), at most <see cref="OutboxOptions.BatchSize"/>
/// in flight, sends each on its own and records its outcome. When nothing more can be claimed it sleeps until a commit
/// wakes it (here, or on another instance through Redis), a send ends, a delivery falls due, or the poll interval
/// passes. Once a minute it removes what the retention has expired.
/// </summary>
internal sealed partial class OutboxRelay : BackgroundService
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan IdleFloor = TimeSpan.FromMilliseconds(50);

    private readonly IServiceScopeFactory _scopes;
    private readonly OutboxOptions _options;
    private readonly WebhookOptions _webhooks;
    private readonly RelayWakeup _wakeup;
    private readonly IConnectionMultiplexer _redis;
    private readonly WebhookSender _sender;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxRelay> _logger;
    private bool _subscribed;
    private long? _lastHousekeeping;

    public OutboxRelay(
        IServiceScopeFactory scopes,
        IOptions<OutboxOptions> options,
        IOptions<WebhookOptions> webhooks,
        RelayWakeup wakeup,
        IConnectionMultiplexer redis,
        WebhookSender sender,
        TimeProvider clock,
        ILogger<OutboxRelay> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _webhooks = webhooks.Value;
        _wakeup = wakeup;
        _redis = redis;
        _sender = sender;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Relays until <paramref name="stoppingToken"/> is cancelled, whatever <see cref="OutboxOptions.RelayEnabled"/> says (the `relay` verb).</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // Sends run on their own: a slow receiver holds one of the BatchSize places, not the relay.
        var inFlight = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(send => send.IsCompleted);
                var free = _options.BatchSize - inFlight.Count;
                TimeSpan wait;
                try
                {
                    await SubscribeAsync();
                    await HousekeepAsync(stoppingToken);
                    var claimed = free > 0 ? await ClaimAsync(free, stoppingToken) : [];
                    inFlight.AddRange(claimed.Select(delivery => DeliverAsync(delivery, stoppingToken)));
                    // Claimed some: look again at once. All places taken: a finished send wakes the relay.
                    wait = claimed.Count > 0 ? TimeSpan.Zero : free > 0 ? await IdleAsync(stoppingToken) : _options.PollInterval;
                }
                catch (Exception exception) when (TransientFailures.IsDatabase(exception))
                {
                    // The outage log reports it; leases taken meanwhile run out and are claimed again.
                    wait = _options.PollInterval;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(exception);
                    wait = _options.PollInterval;
                }

                if (wait > TimeSpan.Zero)
                {
                    await _wakeup.WaitAsync(wait, stoppingToken);
                }
            }
        }
        finally
        {
            // Each send ends by itself when stopping; one cut short is sent again when its lease runs out.
            await Task.WhenAll(inFlight);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _options.RelayEnabled ? RunAsync(stoppingToken) : Task.CompletedTask;

    private async Task<IReadOnlyList<(ClaimedDelivery Delivery, Guid LeaseToken)>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        var leaseToken = Guid.NewGuid();
        await using var scope = _scopes.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>()
            .ClaimAsync(leaseToken, _options.LeaseDuration, limit, cancellationToken);
        return [.. claimed.Select(delivery => (delivery, leaseToken))];
    }

    // Sends one claimed delivery and records the outcome; never throws.
    private async Task DeliverAsync((ClaimedDelivery Delivery, Guid LeaseToken) claim, CancellationToken cancellationToken)
    {
        try
        {
            await SendAndRecordAsync(claim.Delivery, claim.LeaseToken, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception) when (TransientFailures.IsDatabase(exception))
        {
            // The outcome could not be recorded: the lease runs out and the delivery is sent again.
        }
        catch (Exception exception)
        {
            LogFailed(exception);
        }
        finally
        {
            _wakeup.WakeHere();
        }
    }

    private async Task SendAndRecordAsync(ClaimedDelivery delivery, Guid leaseToken, CancellationToken cancellationToken)
    {
        var statusCode = await _sender.SendAsync(delivery, cancellationToken);
        var delivered = statusCode is >= 200 and <= 299;
        var attempts = delivery.Attempts + 1;
        TimeSpan? retryAfter = !delivered && attempts <= _webhooks.RetrySchedule.Count ? _webhooks.RetrySchedule[attempts - 1] : null;

        await using var scope = _scopes.CreateAsyncScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>()
            .RecordAsync(delivery.Id, leaseToken, delivered, statusCode, retryAfter, cancellationToken);
        if (!recorded)
        {
            // The lease ran out and another relay took the delivery: its outcome counts, this one is not recorded.
            return;
        }

        var outcome = delivered ? ShopTelemetry.WebhookDelivered : retryAfter is null ? ShopTelemetry.WebhookFailed : ShopTelemetry.WebhookRetried;
        ShopTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>(ShopTelemetry.WebhookOutcomeTag, outcome));
        if (outcome != ShopTelemetry.WebhookRetried)
        {
            ShopTelemetry.WebhookAttempts.Record(attempts);
        }

        if (outcome == ShopTelemetry.WebhookFailed)
        {
            LogGaveUp(delivery.Id, attempts, statusCode);
        }
    }

    // Nothing claimed: sleep until the next delivery falls due, at most the poll interval.
    private async Task<TimeSpan> IdleAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var (nextDue, oldestPendingAge) = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>().PendingAsync(cancellationToken);
        ShopTelemetry.ReportOldestPendingAge(oldestPendingAge);
        return nextDue is { } due
            ? TimeSpan.FromTicks(Math.Clamp(due.Ticks, IdleFloor.Ticks, _options.PollInterval.Ticks))
            : _options.PollInterval;
    }

    private async Task HousekeepAsync(CancellationToken cancellationToken)
    {
        if (_lastHousekeeping is { } last && _clock.GetElapsedTime(last) < HousekeepingInterval)
        {
            return;
        }

        _lastHousekeeping = _clock.GetTimestamp();
        await using var scope = _scopes.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<OutboxRetention>().RunAsync(_options.Retention, cancellationToken);
        if (removed > 0)
        {
            LogRemoved(removed);
        }
    }

    // Commits on other instances publish on the channel; the multiplexer subscribes again after a reconnection.
    private async Task SubscribeAsync()
    {
        if (_subscribed)
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().SubscribeAsync(RelayWakeup.Channel, (_, _) => _wakeup.WakeHere());
            _subscribed = true;
        }
        catch (RedisException)
        {
            // Polling meanwhile; the next round tries again.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} outbox messages older than the retention")]
    private partial void LogRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed after {Attempts} attempts (last status {StatusCode}); no more retries")]
    private partial void LogGaveUp(long deliveryId, int attempts, int? statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of the outbox relay failed; it tries again at its next poll")]
    private partial void LogFailed(Exception exception);
}
