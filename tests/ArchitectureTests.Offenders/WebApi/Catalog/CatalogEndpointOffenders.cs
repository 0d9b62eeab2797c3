using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Catalog.GetProduct;
using Shop.Domain.Catalog;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Persistence;

namespace Shop.ArchitectureTests.Offenders.WebApi.Catalog;

/// <summary>Offends "endpoints only send commands and queries": it reads through the DbContext.</summary>
internal static class EndpointUsingDbContext
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/offenders/products/{id:guid}", (Guid id, ShopDbContext db) =>
            db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(product => product.Id == id));
        return app;
    }
}

/// <summary>Sends a query and nothing else: breaks no rule.</summary>
internal static class WellBehavedEndpoint
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/offenders/good/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
            await sender.Send(new GetProductQuery(id), cancellationToken));
        return app;
    }
}
