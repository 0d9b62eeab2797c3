using System.ComponentModel;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.Catalog;
using Shop.Application.Catalog.AdjustStock;
using Shop.Application.Catalog.CreateProduct;
using Shop.Application.Catalog.DeleteProduct;
using Shop.Application.Catalog.GetProduct;
using Shop.Application.Catalog.SearchProducts;
using Shop.Application.Catalog.UpdateProduct;
using Shop.Application.Pagination;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.OutputCaching;
using Shop.WebApi.Http.Problems;
using Shop.WebApi.OpenApi;

namespace Shop.WebApi.Catalog;

internal static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products");
        products.MapGet("/", Search).WithName("SearchProducts")
            .WithSummary("Search the catalog")
            .WithDescription("Products by name (case-insensitive substring of at least 3 characters), in name order, paged by number (up to 10,000 rows) or by cursor (any depth). Anonymous.")
            .Refuses(ProblemTypes.QueryTimeout).ProducesValidationProblem();
        products.MapGet("/{id:guid}", Get).WithName("GetProduct")
            .WithSummary("Get a product")
            .WithDescription("One product by id. Anonymous; an anonymous answer may come from the instance's output cache for about a second.")
            .Refuses(ProblemTypes.ProductNotFound, ProblemTypes.QueryTimeout).CacheOutput(ProductOutputCache.Policy);

        var admin = products.MapGroup("/").RequireAuthorization(BearerAuthentication.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/", Create).WithName("CreateProduct")
            .WithSummary("Create a product")
            .WithDescription("Adds a product to the catalog. Administrators only.").ProducesValidationProblem();
        admin.MapPut("/{id:guid}", Update).WithName("UpdateProduct")
            .WithSummary("Replace a product")
            .WithDescription("Replaces name, description and price; a field left out is cleared (description) or refused (name, price). Stock is changed with the stock route. Administrators only.")
            .ProducesValidationProblem().Refuses(ProblemTypes.ProductNotFound);
        admin.MapPost("/{id:guid}/stock", AdjustStock).WithName("AdjustStock")
            .WithSummary("Adjust a product's stock")
            .WithDescription("Adds a positive or negative delta to the stock; stock never goes below zero. Administrators only.")
            .ProducesValidationProblem().Refuses(ProblemTypes.ProductNotFound, ProblemTypes.InsufficientStock);
        admin.MapDelete("/{id:guid}", Delete).WithName("DeleteProduct")
            .WithSummary("Delete a product")
            .WithDescription("Removes a product that no order refers to. Administrators only.")
            .Refuses(ProblemTypes.ProductNotFound, ProblemTypes.ProductInOrders);
        return app;
    }

    private static async Task<Ok<PagedResponse<ProductResponse>>> Search(
        ISender sender, CancellationToken cancellationToken, string? search = null,
        [Description("Page number; page × pageSize may be at most 10,000 (deeper rows: follow nextCursor).")] int page = 1,
        int pageSize = Paging.DefaultPageSize,
        [Description("A previous page's nextCursor: the page after it, in the same order (page must then be 1 or absent).")] string? cursor = null) =>
        TypedResults.Ok(await sender.Send(new SearchProductsQuery(search, page, pageSize, cursor), cancellationToken));

    private static async Task<Ok<ProductResponse>> Get(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetProductQuery(id), cancellationToken));

    private static async Task<Created<ProductResponse>> Create(CreateProductRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var product = await sender.Send(
            new CreateProductCommand(request.Name, request.Description, request.Price, request.Stock), cancellationToken);
        return TypedResults.Created($"/api/products/{product.Id}", product);
    }

    private static async Task<Ok<ProductResponse>> Update(
        Guid id, UpdateProductRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateProductCommand(id, request.Name, request.Description, request.Price), cancellationToken));

    private static async Task<Ok<ProductResponse>> AdjustStock(
        Guid id, AdjustStockRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new AdjustStockCommand(id, request.Delta), cancellationToken));

    private static async Task<NoContent> Delete(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteProductCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}

internal sealed record CreateProductRequest(string? Name, string? Description, decimal? Price, int? Stock);

internal sealed record UpdateProductRequest(string? Name, string? Description, decimal? Price);

internal sealed record AdjustStockRequest(int? Delta);
