using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Shop.Application.Ordering.Ports;

namespace Shop.ArchitectureTests.Offenders.WebApi.Ordering;

/// <summary>Offends "endpoints only send commands and queries": it loads an order through the repository.</summary>
internal static class EndpointUsingRepository
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/offenders/orders/{id:guid}", async (Guid id, IOrderRepository orders, CancellationToken cancellationToken) =>
            (await orders.GetOwnedForUpdateAsync(id, Guid.Empty, cancellationToken))?.Total);
        return app;
    }
}
