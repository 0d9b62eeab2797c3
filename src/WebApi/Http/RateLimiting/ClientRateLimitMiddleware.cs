using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.Application.EdgePorts;
using Shop.Application.Telemetry;
using Shop.WebApi.Http.ClientAddresses;
using Shop.WebApi.Http.Problems;

namespace Shop.WebApi.Http.RateLimiting;

/// <summary>
/// Middleware limiting each client IP to a fixed one-minute window kept in Redis (`rate:{ip}`), shared by every instance;
/// an IPv6 client is counted by its network (<see cref="ClientKey"/>).
/// Routes marked with the framework's <c>DisableRateLimiting()</c> (the health probes) are exempt:
/// not counted, never refused, but they too carry the headers, showing the client's current window.
/// </summary>
internal sealed class ClientRateLimitMiddleware
{
    // An exempt route (a liveness probe, say) must not wait on a stalled Redis just to fill in a header.
    private static readonly TimeSpan ExemptLookupBudget = TimeSpan.FromMilliseconds(100);
    private readonly RequestDelegate _next;
    private readonly IRateLimiter _limiter;
    private readonly IProblemDetailsService _problems;
    private readonly int _permits;

    // Built once, with singletons only: a per-request instance would cost a resolution on every request.
    public ClientRateLimitMiddleware(RequestDelegate next, IRateLimiter limiter, IProblemDetailsService problems, IOptions<ClientRateLimitOptions> options)
    {
        _next = next;
        _limiter = limiter;
        _problems = problems;
        _permits = options.Value.PermitsPerMinute;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var clientIp = context.ClientKeyOf();
        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            AddHeaders(context, await RemainingWithinBudgetAsync(clientIp, context.RequestAborted));
            await _next(context);
            return;
        }

        var decision = await _limiter.HitAsync(clientIp, _permits, context.RequestAborted);
        AddHeaders(context, decision.Remaining);
        if (decision.Allowed)
        {
            await _next(context);
            return;
        }

        ShopTelemetry.RateLimitRefusals.Add(1);
        var retryAfter = (int)Math.Max(1, Math.Ceiling(decision.ResetAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemMapping.Problem(
                ProblemTypes.RateLimited, $"At most {_permits} requests per minute are allowed; retry after {retryAfter} s."),
        });
    }

    private async Task<int> RemainingWithinBudgetAsync(string clientIp, CancellationToken cancellationToken)
    {
        try
        {
            return await _limiter.RemainingAsync(clientIp, _permits, cancellationToken).WaitAsync(ExemptLookupBudget, cancellationToken);
        }
        catch (TimeoutException)
        {
            return _permits;
        }
    }

    // Set when the response starts: the exception handler clears headers set before an error.
    private void AddHeaders(HttpContext context, int remaining) =>
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-RateLimit-Limit"] = _permits.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
}

/// <summary>`Shop:RateLimit`: requests per client IP and minute.</summary>
internal sealed class ClientRateLimitOptions
{
    public const string Section = "Shop:RateLimit";

    [Range(1, int.MaxValue, ErrorMessage = "a whole number from 1 to 2147483647")]
    public int PermitsPerMinute { get; set; } = 600;
}

internal static class ClientRateLimitMiddlewareExtensions
{
    /// <summary>The per-IP window of <see cref="ClientRateLimitMiddleware"/>.</summary>
    public static IApplicationBuilder UseClientRateLimit(this IApplicationBuilder app) => app.UseMiddleware<ClientRateLimitMiddleware>();
}
