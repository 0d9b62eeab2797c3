using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.Ordering;
using Shop.Application.Ordering.AddOrderItem;
using Shop.Application.Ordering.CancelOrder;
using Shop.Application.Ordering.GetOrder;
using Shop.Application.Ordering.ListMyOrders;
using Shop.Application.Ordering.PayOrder;
using Shop.Application.Ordering.PlaceOrder;
using Shop.Application.Pagination;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.Idempotency;
using Shop.WebApi.Http.Json;
using Shop.WebApi.Http.Problems;
using Shop.WebApi.OpenApi;
using Shop.WebApi.Http.CacheControl;

namespace Shop.WebApi.Ordering;

internal static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").WithNoStore().RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        orders.MapPost("/", Place).WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription("Creates a pending order of 1 to 100 lines at the products' current prices. Stock is taken at payment. Takes an Idempotency-Key.").AddEndpointFilter<IdempotencyFilter>().WithMetadata(new AcceptsIdempotencyKey())
            .ProducesValidationProblem()
            .Refuses(ProblemTypes.ProductNotFound, ProblemTypes.InsufficientStock, ProblemTypes.OrderTotalTooLarge);
        orders.MapGet("/", List).WithName("ListMyOrders")
            .WithSummary("List my orders")
            .WithDescription("The signed-in user's orders, newest first, optionally by status, paged by number.").ProducesValidationProblem();
        orders.MapGet("/{id:guid}", Get).WithName("GetOrder")
            .WithSummary("Get my order")
            .WithDescription("One of the signed-in user's orders with its lines; another user's order is not found.")
            .Refuses(ProblemTypes.OrderNotFound);
        orders.MapPost("/{id:guid}/items", AddItem).WithName("AddOrderItem")
            .WithSummary("Add units to my order")
            .WithDescription("Adds a product to a pending order, or more units to its line, re-pricing the line at the product's current price.")
            .ProducesValidationProblem().Refuses(
                ProblemTypes.OrderNotFound, ProblemTypes.ProductNotFound, ProblemTypes.OrderNotPending, ProblemTypes.OrderExpired,
                ProblemTypes.OrderFull, ProblemTypes.OrderTotalTooLarge, ProblemTypes.InsufficientStock);
        orders.MapPost("/{id:guid}/payment", Pay).WithName("PayOrder")
            .WithSummary("Pay my order")
            .WithDescription("Pays a pending order with exactly its total and takes the stock of every line, all or nothing. Takes an Idempotency-Key.").AddEndpointFilter<IdempotencyFilter>().WithMetadata(new AcceptsIdempotencyKey())
            .ProducesValidationProblem().Refuses(
                ProblemTypes.OrderNotFound, ProblemTypes.OrderNotPending, ProblemTypes.OrderExpired, ProblemTypes.InsufficientStock,
                ProblemTypes.PaymentAmountMismatch);
        orders.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelOrder")
            .WithSummary("Cancel my order")
            .WithDescription("Cancels a pending order.")
            .Refuses(ProblemTypes.OrderNotFound, ProblemTypes.OrderNotPending);
        return app;
    }

    private static async Task<Created<OrderResponse>> Place(
        PlaceOrderRequest request, ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken)
    {
        var items = request.Items?.Select(item => new PlaceOrderItem(item?.ProductId, item?.Quantity)).ToList();
        var order = await sender.Send(new PlaceOrderCommand(principal.UserId(), items), cancellationToken);
        return TypedResults.Created($"/api/orders/{order.Id}", order);
    }

    private static async Task<Ok<PagedResponse<OrderResponse>>> List(
        ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken,
        string? status = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await sender.Send(new ListMyOrdersQuery(principal.UserId(), status, page, pageSize), cancellationToken));

    private static async Task<Ok<OrderResponse>> Get(Guid id, ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetOrderQuery(principal.UserId(), id), cancellationToken));

    private static async Task<Ok<OrderResponse>> AddItem(
        Guid id, OrderItemRequest request, ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new AddOrderItemCommand(principal.UserId(), id, request.ProductId, request.Quantity), cancellationToken));

    private static async Task<Ok<OrderResponse>> Pay(
        Guid id, PaymentRequest request, ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new PayOrderCommand(principal.UserId(), id, request.Amount), cancellationToken));

    private static async Task<Ok<OrderResponse>> Cancel(Guid id, ClaimsPrincipal principal, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new CancelOrderCommand(principal.UserId(), id), cancellationToken));
}

internal sealed record PlaceOrderRequest(OrderItemRequests? Items) : IIdempotentRequest;

/// <summary>The items of an order placement: 1 to 100, read no further than the 101st.</summary>
internal sealed class OrderItemRequests : BoundedList<OrderItemRequest?>
{
    protected override int MaxCount => OrderingRules.MaxItemsPerRequest;
}

internal sealed record OrderItemRequest(Guid? ProductId, int? Quantity);

internal sealed record PaymentRequest(decimal? Amount) : IIdempotentRequest;
