using System.ComponentModel;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Application.Pagination;
using Shop.Application.Webhooks;
using Shop.Application.Webhooks.CreateWebhook;
using Shop.Application.Webhooks.DeleteWebhook;
using Shop.Application.Webhooks.ListWebhookDeliveries;
using Shop.Application.Webhooks.ListWebhooks;
using Shop.Domain.Webhooks;
using Shop.WebApi.Http.Authentication;
using Shop.WebApi.Http.CacheControl;
using Shop.WebApi.Http.Json;
using Shop.WebApi.Http.Problems;
using Shop.WebApi.OpenApi;

namespace Shop.WebApi.Webhooks;

internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        // no-store: a new subscription's answer carries its signing secret.
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").WithNoStore()
            .RequireAuthorization(BearerAuthentication.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        webhooks.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to events")
            .WithDescription("Registers a receiver for the named event types (or * for all), delivered as Standard Webhooks. "
                + "The answer carries the signing secret, shown only here. A URL on a loopback, private, link-local or "
                + "unique-local address is refused unless Shop:Webhooks:AllowPrivateNetworks is true. Administrators only.")
            .ProducesValidationProblem();
        webhooks.MapGet("/", List).WithName("ListWebhooks")
            .WithSummary("List webhook subscriptions")
            .WithDescription("The subscriptions, newest first, paged by number; never their secrets. Administrators only.")
            .ProducesValidationProblem();
        webhooks.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook")
            .WithSummary("Delete a webhook subscription")
            .WithDescription("Ends the subscription; its deliveries, pending ones included, are removed and never sent. Administrators only.")
            .Refuses(ProblemTypes.WebhookNotFound);
        webhooks.MapGet("/{id:guid}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries")
            .WithSummary("List a subscription's deliveries")
            .WithDescription("Each event sent or to be sent to the subscription, newest first, with its webhook-id, type, state "
                + "(pending, delivered, failed), attempts, last status code and last and next attempt times. Administrators only.")
            .ProducesValidationProblem().Refuses(ProblemTypes.WebhookNotFound);
        return app;
    }

    private static async Task<Created<CreatedWebhookResponse>> Create(CreateWebhookRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var webhook = await sender.Send(new CreateWebhookCommand(request.Url, request.Events), cancellationToken);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}", webhook);
    }

    private static async Task<Ok<PagedResponse<WebhookResponse>>> List(
        ISender sender, CancellationToken cancellationToken, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await sender.Send(new ListWebhooksQuery(page, pageSize), cancellationToken));

    private static async Task<NoContent> Delete(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteWebhookCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PagedResponse<WebhookDeliveryResponse>>> ListDeliveries(
        Guid id, ISender sender, CancellationToken cancellationToken, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        TypedResults.Ok(await sender.Send(new ListWebhookDeliveriesQuery(id, page, pageSize), cancellationToken));
}

internal sealed record CreateWebhookRequest(
    [property: Description("Absolute http or https URL, without a user name or password, that deliveries are POSTed to.")] string? Url,
    WebhookEventNames? Events);

/// <summary>The event types to deliver, or * for all of them: 1 to 20 names, read no further than the 21st.</summary>
internal sealed class WebhookEventNames : BoundedList<string?>
{
    protected override int MaxCount => WebhookSubscription.MaxEvents;
}
