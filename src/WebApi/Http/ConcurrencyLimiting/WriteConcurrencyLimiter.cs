using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.Http.ConcurrencyLimiting;

/// <summary>
/// ASP.NET Core's concurrency limiter on requests that change state (every method but GET and HEAD): at most
/// <see cref="WriteConcurrencyLimiterOptions.PermitLimit"/> run at once per instance, the next ones queue in arrival
/// order, and past <see cref="WriteConcurrencyLimiterOptions.QueueLimit"/> queued ones the answer is 503 with
/// Retry-After. A change needs a database connection, which the pool hands out one at a time anyway: letting it in only
/// when it can run keeps a burst from building a DbContext, a mediator pipeline and a waiting PostgreSQL backend per
/// request. Reads never queue here, nor do the requests that hash a password: they take the
/// <see cref="PasswordHashingLimiter"/>'s policy instead (an endpoint has one policy).
/// </summary>
internal static class WriteConcurrencyLimiter
{
    /// <summary>The rate limiter's policy name, as its metrics report it.</summary>
    public const string Policy = "writes";
    public const string QueueLimitKey = WriteConcurrencyLimiterOptions.Section + ":" + nameof(WriteConcurrencyLimiterOptions.QueueLimit);
    private const string RetryAfterSeconds = "1";

    /// <summary>
    /// The rate limiter with the <see cref="Policy"/> concurrency limiter, sized by <see cref="WriteConcurrencyLimiterOptions"/>;
    /// its 503 answers every policy's refusal.
    /// </summary>
    public static IServiceCollection AddWriteConcurrencyLimiter(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = RejectAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<WriteConcurrencyLimiterOptions>>((limiter, writes) =>
            limiter.AddConcurrencyLimiter(Policy, options =>
            {
                options.PermitLimit = writes.Value.PermitLimit;
                options.QueueLimit = writes.Value.QueueLimit;
                options.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            }));
        return services;
    }

    /// <summary>
    /// Puts the builder's state-changing endpoints under the concurrency limiter; its reads are left alone, and so is an
    /// endpoint that names a policy of its own (<see cref="PasswordHashingLimiter.LimitPasswordHashing"/>): the
    /// framework applies one policy per endpoint. A final convention, so that it sees the endpoint's own conventions.
    /// </summary>
    public static TBuilder LimitWriteConcurrency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().Any(methods => methods.HttpMethods.Any(ChangesState))
                && !endpoint.Metadata.OfType<EnableRateLimitingAttribute>().Any()
                && !endpoint.Metadata.OfType<DisableRateLimitingAttribute>().Any())
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
        var (type, detail) = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == PasswordHashingLimiter.Policy
            ? (ProblemTypes.PasswordHashingQueueFull, "Too many logins and registrations are waiting on this instance; retry shortly.")
            : (ProblemTypes.WritesQueueFull, "Too many changes are waiting on this instance; retry shortly.");
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = ProblemMapping.Problem(type, detail),
        });
    }
}

/// <summary>`Shop:ConcurrencyLimiter`: how many changes run at once per instance, and how many may queue.</summary>
internal sealed class WriteConcurrencyLimiterOptions
{
    public const string Section = "Shop:ConcurrencyLimiter";

    [Range(1, 10_000, ErrorMessage = "a whole number from 1 to 10000")]
    public int PermitLimit { get; set; } = 32;

    [Range(0, 1_000_000, ErrorMessage = "a whole number from 0 (queue none) to 1000000")]
    public int QueueLimit { get; set; } = 1000;
}
