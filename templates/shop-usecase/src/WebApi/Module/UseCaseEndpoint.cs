using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.ShopModule.UseCase;

namespace Shop.WebApi.ShopModule;

// Map it: in src/WebApi/ShopModule/ModuleEndpointsClass.cs, add `app.MapUseCase();` before `return app;` of MapModuleEndpointsClass.

/// <summary>
/// The HTTP side of UseCase: translates the request to the message, sends it, translates the answer. Nothing else
/// (no DbContext, repository or other port: the architecture tests refuse them here). TODO: the route in the terms of
/// docs/api.md (and a row in its route table), the authorization (remove RequireAuthorization for a public read;
/// BearerAuthentication.AdminPolicy for administrators), every status ProblemMapping can answer for it (.Produces…Problem).
/// </summary>
internal static class UseCaseEndpoint
{
    public static IEndpointRouteBuilder MapUseCase(this IEndpointRouteBuilder app)
    {
#if (IsQuery)
        app.MapGet("/api/shop-module-route/use-case-route/{id:guid}", Handle).WithName("UseCase").WithTags("ShopModule")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();
#else
        app.MapPost("/api/shop-module-route/use-case-route/{id:guid}", Handle).WithName("UseCase").WithTags("ShopModule")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesValidationProblem();
#endif
        return app;
    }

#if (IsQuery)
    private static async Task<Ok<UseCaseResponse>> Handle(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UseCaseQuery(id), cancellationToken));
#else
    private static async Task<NoContent> Handle(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new UseCaseCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
#endif
}
