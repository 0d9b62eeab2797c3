using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using StackExchange.Redis;

/// <summary>
/// Offends "endpoints only send commands and queries": endpoints beside Program in the global namespace, outside
/// every layer's namespace (so outside the offenders' mirror too, on purpose), reading Redis.
/// </summary>
internal static class GlobalNamespaceEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/offenders/global", async (IConnectionMultiplexer redis) =>
            (string?)await redis.GetDatabase().StringGetAsync("global"));
        return app;
    }
}
