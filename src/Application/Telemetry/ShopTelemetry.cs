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

    public const string Success = "success";

    /// <summary>The only cache level so far: the Redis cache every instance shares.</summary>
    public const string SharedCacheLevel = "shared";
    public const string MemoryCacheLevel = "memory";

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
}
