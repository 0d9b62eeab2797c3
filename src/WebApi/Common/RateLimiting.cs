using System.Globalization;
using Microsoft.Extensions.Options;
using Shop.Application.Common.Ports;

namespace Shop.WebApi.Common;

/// <summary>
/// Per-IP fixed one-minute window kept in Redis (`rate:{ip}`), shared by every instance.
/// Health, OpenAPI and the API reference are exempt.
/// </summary>
internal sealed class RateLimiting : IMiddleware
{
    private static readonly string[] ExemptPrefixes = ["/health", "/openapi", "/scalar"];
    private readonly IRateLimiter _limiter;
    private readonly IProblemDetailsService _problems;
    private readonly int _permits;

    public RateLimiting(IRateLimiter limiter, IProblemDetailsService problems, IOptions<ShopOptions> options)
    {
        _limiter = limiter;
        _problems = problems;
        _permits = options.Value.RateLimit.PermitsPerMinute;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (ExemptPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var clientIp = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var decision = await _limiter.HitAsync(clientIp, _permits, context.RequestAborted).ConfigureAwait(false);
        // Set when the response starts: the exception handler clears headers set before an error.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["X-RateLimit-Limit"] = _permits.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (decision.Allowed)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var retryAfter = (int)Math.Max(1, Math.Ceiling(decision.ResetAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"At most {_permits} requests per minute are allowed; retry after {retryAfter} s.",
            },
        }).ConfigureAwait(false);
    }
}
