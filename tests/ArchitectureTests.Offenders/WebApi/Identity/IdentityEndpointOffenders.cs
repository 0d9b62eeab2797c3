using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Shop.ArchitectureTests.Offenders.WebApi.Identity;

/// <summary>
/// Offends "endpoints only send commands and queries": it talks to Redis, and only inside an async lambda,
/// so the rule is shown to look into compiler-generated closures and state machines.
/// </summary>
internal static class EndpointUsingRedis
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapDelete("/offenders/sessions", async (HttpContext context) =>
        {
            var redis = context.RequestServices.GetRequiredService<IConnectionMultiplexer>();
            await redis.GetDatabase().KeyDeleteAsync("session:offender");
        });
        return app;
    }
}
