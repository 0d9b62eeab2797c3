using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using StackExchange.Redis;

namespace Shop.ArchitectureTests.Offenders.WebApi.Http;

/// <summary>Offends "WebApi reaches data only through the Application": middleware talking to Redis itself.</summary>
internal sealed class MiddlewareUsingRedis
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var redis = context.RequestServices.GetRequiredService<IConnectionMultiplexer>();
        await redis.GetDatabase().StringIncrementAsync("rate:offender");
        await next(context);
    }
}

/// <summary>The HTTP edge may implement HTTP over a port (here the rate limiter): no rule reports it.</summary>
internal sealed class MiddlewareUsingPort
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var limiter = context.RequestServices.GetRequiredService<IRateLimiter>();
        var decision = await limiter.HitAsync("offender", 10, context.RequestAborted);
        if (decision.Allowed)
        {
            await next(context);
        }
    }
}
