using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shop.Application.Telemetry;

/// <summary>
/// The shop's own spans and metrics, in System.Diagnostics only: the OpenTelemetry SDK (wired in WebApi) listens to
/// <see cref="SourceName"/> and exports what is recorded here; without a listener recording costs next to nothing.
/// </summary>
public static class ShopTelemetry
{
    /// <summary>The name of both the ActivitySource and the Meter.</summary>
    public const string SourceName = "Shop";

    public const string UseCaseTag = "shop.use_case";
    public const string OutcomeTag = "shop.outcome";
    public const string CacheLevelTag = "shop.cache.level";
    public const string CacheEntryTag = "shop.cache.entry";
    public const string PaymentOutcomeTag = "shop.payment.outcome";
    public const string LoginLimitTag = "shop.login.limit";
    public const string WebhookOutcomeTag = "shop.webhook.outcome";
    public const string WebhookIdTag = "shop.webhook.id";
    public const string WebhookEventTypeTag = "shop.webhook.event_type";
    public const string WebhookAttemptTag = "shop.webhook.attempt";

    public const string Success = "success";

    /// <summary>The only cache level so far: the Redis cache every instance shares.</summary>
    public const string SharedCacheLevel = "shared";
    public const string MemoryCacheLevel = "memory";

    /// <summary>A webhook attempt answered 2xx.</summary>
    public const string WebhookDelivered = "delivered";

    /// <summary>A webhook attempt failed and another is due later.</summary>
    public const string WebhookRetried = "retried";

    /// <summary>A webhook attempt failed and the retry schedule is exhausted: the delivery has failed.</summary>
    public const string WebhookFailed = "failed";

    // Ticks of the relay's last reading; negative until a relay of this process has read it.
    private static long _oldestPendingAgeTicks = -1;

    public static readonly ActivitySource ActivitySource = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    /// <summary>Seconds per command or query, tagged with <see cref="UseCaseTag"/> and <see cref="OutcomeTag"/>.</summary>
    public static readonly Histogram<double> UseCaseDuration = Meter.CreateHistogram(
        "shop.use_case.duration",
        unit: "s",
        description: "Duration of each command and query, by use case and outcome.",
        advice: new InstrumentAdvice<double>
        {
            // The SDK's default boundaries are meant for milliseconds; these are ASP.NET Core's for seconds.
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
        });

    public static readonly Counter<long> CacheHits =
        Meter.CreateCounter<long>("shop.cache.hits", description: "Cache lookups answered from the cache, by level and entry.");

    public static readonly Counter<long> CacheMisses =
        Meter.CreateCounter<long>("shop.cache.misses", description: "Cache lookups that read the database, by level and entry.");

    public static readonly Counter<long> RateLimitRefusals =
        Meter.CreateCounter<long>("shop.rate_limit.refusals", description: "Requests refused with 429 by the per-IP limit.");

    /// <summary>Logins refused with 429, tagged <see cref="LoginLimitTag"/> = account or address (the limit that refused).</summary>
    public static readonly Counter<long> LoginLockouts =
        Meter.CreateCounter<long>("shop.login.lockouts", description: "Logins refused with 429 by a failed-login limit, by limit.");

    /// <summary>Payments, tagged <see cref="PaymentOutcomeTag"/> = paid or refused.</summary>
    public static readonly Counter<long> Payments =
        Meter.CreateCounter<long>("shop.payments", description: "Payments, paid or refused.");

    public static readonly Counter<long> ExpiredOrders =
        Meter.CreateCounter<long>("shop.orders.expired", description: "Pending orders cancelled by the sweep because they expired unpaid.");

    /// <summary>Webhook attempts, tagged <see cref="WebhookOutcomeTag"/> = delivered, retried or failed; together they count every attempt.</summary>
    public static readonly Counter<long> WebhookDeliveries =
        Meter.CreateCounter<long>("shop.webhook.deliveries", description: "Webhook delivery attempts, by outcome (delivered, retried, failed).");

    /// <summary>How many attempts a delivery took, recorded when it ends (delivered or failed).</summary>
    public static readonly Histogram<int> WebhookAttempts = Meter.CreateHistogram(
        "shop.webhook.attempts",
        unit: "{attempt}",
        description: "Attempts a webhook delivery took, recorded when it was delivered or failed.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 3, 4, 5, 6, 7, 8, 10, 15, 20] });

    /// <summary>The age of the event of the oldest pending webhook delivery, as this process's relay last read it.</summary>
    public static readonly ObservableGauge<double> OutboxOldestPendingAge = Meter.CreateObservableGauge(
        "shop.outbox.oldest_pending_age",
        ObserveOldestPendingAge,
        unit: "s",
        description: "Seconds since the event of the oldest pending webhook delivery happened (0: none pending), as the relay last read it.");

    /// <summary>The relay's reading for <see cref="OutboxOldestPendingAge"/>: null when nothing is pending.</summary>
    public static void ReportOldestPendingAge(TimeSpan? age) =>
        Interlocked.Exchange(ref _oldestPendingAgeTicks, Math.Max(0, age?.Ticks ?? 0));

    private static IEnumerable<Measurement<double>> ObserveOldestPendingAge() =>
        Interlocked.Read(ref _oldestPendingAgeTicks) is >= 0 and var ticks ? [new(TimeSpan.FromTicks(ticks).TotalSeconds)] : [];
}
