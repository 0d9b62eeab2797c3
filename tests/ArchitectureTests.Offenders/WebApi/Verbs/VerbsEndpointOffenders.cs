using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Shop.Domain.Catalog;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Persistence;

namespace Shop.ArchitectureTests.Offenders.WebApi.Verbs;

/// <summary>
/// Offends "endpoints only send commands and queries": endpoints hidden among the hosting code, reading through the
/// DbContext. The verbs are exempt, but not what is named …Endpoints.
/// </summary>
internal static class WidgetAdminEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/offenders/admin/products/count", (ShopDbContext db) => db.Set<Product>().CountAsync());
        return app;
    }
}

/// <summary>Hosting code (a verb) may use the DbContext: the endpoint rule must not report it.</summary>
internal static class WidgetHostVerb
{
    public static Task<bool> CheckDatabaseAsync(ShopDbContext db) => db.Database.CanConnectAsync();
}
