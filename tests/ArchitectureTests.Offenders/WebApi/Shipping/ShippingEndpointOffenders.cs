using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using StackExchange.Redis;

namespace Shop.ArchitectureTests.Offenders.WebApi.Shipping;

/// <summary>
/// Offends "endpoints only send commands and queries": an endpoint of a module the rule was never told about, not
/// named …Endpoints, reading Redis.
/// </summary>
internal static class TrackShipment
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/offenders/shipments/{id:guid}", async (Guid id, IConnectionMultiplexer redis) =>
            (string?)await redis.GetDatabase().StringGetAsync("shipment:" + id));
        return app;
    }
}
