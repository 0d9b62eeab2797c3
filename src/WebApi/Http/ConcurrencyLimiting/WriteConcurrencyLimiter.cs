using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.Http.ConcurrencyLimiting;

/// <summary>
/// ASP.NET Core's concurrency limiter on requests that change state (every method but GET and HEAD): at most
/// <see cref="WriteConcurrencyLimiterSettings.PermitLimit"/> run at once per instance, the next ones queue in arrival order, and
/// past <see cref="WriteConcurrencyLimiterSettings.QueueLimit"/> queued ones the answer is 503 with Retry-After. A change needs a
/// database connection, which the pool hands out one at a time anyway: letting it in only when it can run keeps a burst
/// from building a DbContext, a mediator pipeline and a waiting PostgreSQL backend per request. Reads never queue here.
/// </summary>
internal static class WriteConcurrencyLimiter
{
    /// <summary>The rate limiter's policy name, as its metrics report it.</summary>
    public const string Policy = "writes";
    public const string PermitLimitKey = "Shop:ConcurrencyLimiter:PermitLimit";
    public const string QueueLimitKey = "Shop:ConcurrencyLimiter:QueueLimit";
    private const string RetryAfterSeconds = "1";

    /// <summary>Reads the two keys (an empty value is the default); null, or the first that is unusable.</summary>
    public static UnusableConfiguration? Read(IConfiguration configuration, out WriteConcurrencyLimiterSettings settings)
    {
        var defaults = new WriteConcurrencyLimiterSettings();
        var unusablePermits = WholeNumber(configuration, PermitLimitKey, 1, 10_000, defaults.PermitLimit, "a whole number from 1 to 10000", out var permits);
        var unusableQueue = WholeNumber(configuration, QueueLimitKey, 0, 1_000_000, defaults.QueueLimit, "a whole number from 0 (queue none) to 1000000", out var queue);
        settings = new WriteConcurrencyLimiterSettings(permits, queue);
        return unusablePermits ?? unusableQueue;
    }

    public static IServiceCollection AddWriteConcurrencyLimiter(this IServiceCollection services, WriteConcurrencyLimiterSettings settings) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = RejectAsync;
            limiter.AddConcurrencyLimiter(Policy, options =>
            {
                options.PermitLimit = settings.PermitLimit;
                options.QueueLimit = settings.QueueLimit;
                options.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });

    /// <summary>Puts the builder's state-changing endpoints under the concurrency limiter; its reads are left alone.</summary>
    public static TBuilder LimitWriteConcurrency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().Any(methods => methods.HttpMethods.Any(ChangesState)))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(Policy));
            }
        });
        return builder;
    }

    /// <summary>Whether an endpoint's metadata puts it under the concurrency limiter (for its documentation).</summary>
    public static bool IsLimited(IEnumerable<object> metadata) =>
        metadata.OfType<EnableRateLimitingAttribute>().Any(enabled => enabled.PolicyName == Policy);

    private static bool ChangesState(string method) => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = ProblemMapping.Problem(
                StatusCodes.Status503ServiceUnavailable, "Service unavailable", "Too many changes are waiting on this instance; retry shortly."),
        });
    }

    private static UnusableConfiguration? WholeNumber(
        IConfiguration configuration, string key, int min, int max, int fallback, string accepted, out int value)
    {
        value = fallback;
        return configuration[key] is { Length: > 0 } text
            && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            ? new UnusableConfiguration(key, accepted, text)
            : null;
    }
}

/// <summary>How many changes run at once per instance, and how many may queue.</summary>
internal sealed record WriteConcurrencyLimiterSettings(int PermitLimit = 32, int QueueLimit = 1000);
