using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.Http.Admission;

/// <summary>
/// Requests that change state (every method but GET and HEAD) run at most <see cref="WriteAdmissionSettings.MaxConcurrent"/>
/// at once per instance; the next ones wait their turn in arrival order, and past <see cref="WriteAdmissionSettings.MaxQueued"/>
/// waiting ones the answer is 503 with Retry-After. A change needs a database connection, which the pool hands out in
/// turn anyway: admitting it only when it can run keeps a burst from building a DbContext, a mediator pipeline and a
/// waiting PostgreSQL backend per request (ASP.NET Core's concurrency limiter; reads never wait here).
/// </summary>
internal static class WriteAdmission
{
    public const string Policy = "writes";
    public const string MaxConcurrentKey = "Shop:WriteAdmission:MaxConcurrent";
    public const string MaxQueuedKey = "Shop:WriteAdmission:MaxQueued";
    private const string RetryAfterSeconds = "1";

    /// <summary>Reads the two keys (an empty value is the default); null, or the first that is unusable.</summary>
    public static UnusableConfiguration? Read(IConfiguration configuration, out WriteAdmissionSettings settings)
    {
        var defaults = new WriteAdmissionSettings();
        var unusableConcurrent = WholeNumber(configuration, MaxConcurrentKey, 1, 10_000, defaults.MaxConcurrent, "a whole number from 1 to 10000", out var concurrent);
        var unusableQueued = WholeNumber(configuration, MaxQueuedKey, 0, 1_000_000, defaults.MaxQueued, "a whole number from 0 (wait for none) to 1000000", out var queued);
        settings = new WriteAdmissionSettings(concurrent, queued);
        return unusableConcurrent ?? unusableQueued;
    }

    public static IServiceCollection AddWriteAdmission(this IServiceCollection services, WriteAdmissionSettings settings) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = RejectAsync;
            limiter.AddConcurrencyLimiter(Policy, options =>
            {
                options.PermitLimit = settings.MaxConcurrent;
                options.QueueLimit = settings.MaxQueued;
                options.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });

    /// <summary>Admits the builder's state-changing endpoints in turn; its reads are left alone.</summary>
    public static TBuilder AdmitWritesInTurn<TBuilder>(this TBuilder builder)
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

    /// <summary>Whether an endpoint's metadata puts it in turn (for its documentation).</summary>
    public static bool IsAdmittedInTurn(IEnumerable<object> metadata) =>
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

/// <summary>How many changes run at once per instance, and how many may wait for their turn.</summary>
internal sealed record WriteAdmissionSettings(int MaxConcurrent = 32, int MaxQueued = 1000);
