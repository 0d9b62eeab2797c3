using Microsoft.OpenApi;
using Shop.Application.Catalog.SearchProducts;
using Shop.Application.Identity;
using Shop.Application.Ordering;
using Shop.Application.Pagination;
using Shop.Application.Webhooks;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Domain.Identity;
using Shop.Domain.Ordering;
using Shop.Domain.Webhooks;
using Shop.WebApi.Catalog;
using Shop.WebApi.Identity;
using Shop.WebApi.Ordering;
using Shop.WebApi.Webhooks;

namespace Shop.WebApi.OpenApi;

/// <summary>
/// The validators' rules as schema constraints, so a generated client knows them: the same constants the validators use,
/// and a functional test sends each bound and one past it (ValidatorConstraintTests), so they cannot drift.
/// </summary>
internal static class SchemaConstraints
{
    private const int MinPasswordLength = IdentityRules.MinPasswordLength;
    private const int MaxPasswordLength = IdentityRules.MaxPasswordLength;
    private const int MaxNameLength = User.MaxNameLength;

    /// <summary>The states of a webhook delivery as the API writes them.</summary>
    private static readonly string[] DeliveryStates = ["pending", "delivered", "failed"];

    private static readonly Dictionary<Type, Dictionary<string, Action<OpenApiSchema>>> Rules = new()
    {
        [typeof(RegisterUserRequest)] = new()
        {
            ["email"] = Text(1, EmailAddress.MaxLength),
            ["name"] = Text(1, MaxNameLength),
            ["password"] = Text(MinPasswordLength, MaxPasswordLength),
        },
        [typeof(CreateSessionRequest)] = new() { ["email"] = Text(1, EmailAddress.MaxLength), ["password"] = Text(1, MaxPasswordLength) },
        [typeof(RenameUserRequest)] = new() { ["name"] = Text(1, MaxNameLength) },
        [typeof(ChangePasswordRequest)] = new()
        {
            ["currentPassword"] = Text(1, MaxPasswordLength),
            ["newPassword"] = Text(MinPasswordLength, MaxPasswordLength),
        },
        [typeof(CreateProductRequest)] = new()
        {
            ["name"] = Text(1, Product.MaxNameLength),
            ["description"] = Text(0, Product.MaxDescriptionLength),
            ["price"] = Range(0, Money.MaxAmount),
            ["stock"] = Range(0, int.MaxValue),
        },
        [typeof(UpdateProductRequest)] = new()
        {
            ["name"] = Text(1, Product.MaxNameLength),
            ["description"] = Text(0, Product.MaxDescriptionLength),
            ["price"] = Range(0, Money.MaxAmount),
        },
        [typeof(PlaceOrderRequest)] = new() { ["items"] = schema => (schema.MinItems, schema.MaxItems) = (1, OrderingRules.MaxItemsPerRequest) },
        [typeof(OrderItemRequest)] = new() { ["quantity"] = Range(LineItem.MinQuantity, LineItem.MaxQuantity) },
        [typeof(PaymentRequest)] = new() { ["amount"] = Range(0, Money.MaxAmount) },
        [typeof(OrderResponse)] = new() { ["status"] = StatusEnum },
        [typeof(CreateWebhookRequest)] = new()
        {
            ["url"] = Text(1, WebhookSubscription.MaxUrlLength),
            ["events"] = EventNames(1, WebhookSubscription.MaxEvents),
        },
        [typeof(WebhookResponse)] = new() { ["events"] = EventNames(1, WebhookSubscription.MaxEvents) },
        [typeof(CreatedWebhookResponse)] = new() { ["events"] = EventNames(1, WebhookSubscription.MaxEvents) },
        [typeof(WebhookDeliveryResponse)] = new()
        {
            ["type"] = OneOf(WebhookEvents.Types),
            ["state"] = OneOf(DeliveryStates),
        },
    };

    /// <summary>The order statuses as the API writes and reads them.</summary>
    public static IReadOnlyList<string> OrderStatuses { get; } =
        [.. Enum.GetValues<OrderStatus>().Select(status => status.ToName())];

    /// <summary>Constraints on a request's properties, and its required ones typed without null (null is refused).</summary>
    public static void Apply(Type type, OpenApiSchema schema)
    {
        if (schema.Properties is null)
        {
            return;
        }

        Rules.TryGetValue(type, out var rules);
        foreach (var (name, property) in schema.Properties)
        {
            if (property is not OpenApiSchema concrete)
            {
                continue;
            }

            if (rules?.TryGetValue(name, out var rule) == true)
            {
                rule(concrete);
            }

            if (type.Name.EndsWith("Request", StringComparison.Ordinal) && schema.Required?.Contains(name) == true && concrete.Type is { } types)
            {
                concrete.Type = types & ~JsonSchemaType.Null;
            }
        }
    }

    /// <summary>The query parameters' rules: paging, the search term, the order status.</summary>
    public static void ApplyToParameter(OpenApiParameter parameter)
    {
        if (parameter.Schema is not OpenApiSchema schema)
        {
            return;
        }

        switch (parameter.Name)
        {
            case "page":
                Range(1, Paging.MaxPage)(schema);
                break;
            case "pageSize":
                Range(1, Paging.MaxPageSize)(schema);
                break;
            case "search":
                Text(SearchProductsQuery.MinSearchLength, SearchProductsQuery.MaxSearchLength)(schema);
                break;
            case "status":
                StatusEnum(schema);
                break;
        }
    }

    private static void StatusEnum(OpenApiSchema schema) =>
        schema.Enum = [.. OrderStatuses.Select(status => (System.Text.Json.Nodes.JsonNode)status)];

    private static Action<OpenApiSchema> OneOf(IEnumerable<string> names) =>
        schema => schema.Enum = [.. names.Select(name => (System.Text.Json.Nodes.JsonNode)name)];

    /// <summary>An array of min to max event type names, or * for all.</summary>
    private static Action<OpenApiSchema> EventNames(int min, int max) => schema =>
    {
        (schema.MinItems, schema.MaxItems) = (min, max);
        if (schema.Items is OpenApiSchema names)
        {
            OneOf(WebhookEvents.Subscribable)(names);
        }
    };

    private static Action<OpenApiSchema> Text(int min, int max) => schema => (schema.MinLength, schema.MaxLength) = (min, max);

    private static Action<OpenApiSchema> Range(decimal min, decimal max) =>
        schema => (schema.Minimum, schema.Maximum) = (min.ToString(System.Globalization.CultureInfo.InvariantCulture), max.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
