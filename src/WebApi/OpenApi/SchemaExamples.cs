using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Shop.WebApi.OpenApi;

/// <summary>An example of every request and response schema, keyed by the schema's name in the document.</summary>
internal static class SchemaExamples
{
    private const string ProductId = "0196a3c2-5b1e-7d40-9f3a-2c8e4b6d1a01";
    private const string OrderId = "0196a3c2-7f20-7a11-8c55-9e0d3b2a4f02";
    private const string UserId = "0196a3c2-1a2b-7c3d-8e4f-5a6b7c8d9e03";
    private const string WebhookId = "0196a3c2-9c30-7e44-a1b2-3c4d5e6f7a04";
    private const string Webhook =
        $$"""{"id":"{{WebhookId}}","url":"https://hooks.example.com/shop","events":["order.paid","product.stock_changed"],"createdAt":"2026-12-04T10:00:00Z"}""";
    private const string Delivery =
        """{"webhookId":"msg_0196a3c29d417f5581c29e0d3b2a4f06","type":"order.paid","state":"pending","attempts":1,"lastStatusCode":500,"lastAttemptAt":"2026-12-04T10:00:05Z","nextAttemptAt":"2026-12-04T10:00:35Z"}""";
    private const string Product =
        $$"""{"id":"{{ProductId}}","name":"Espresso cup","description":"Porcelain, 80 ml.","price":12.50,"stock":40,"isAvailable":true}""";
    private const string Line =
        $$"""{"id":"0196a3c2-7f21-7b22-9d66-0f1e2d3c4b05","productId":"{{ProductId}}","quantity":2,"unitPrice":12.50,"subtotal":25.00}""";
    private const string Order =
        $$"""{"id":"{{OrderId}}","userId":"{{UserId}}","status":"pending","total":25.00,"createdAt":"2026-12-04T10:00:00Z","items":[{{Line}}]}""";

    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["RegisterUserRequest"] = """{"email":"ada@example.com","name":"Ada","password":"correct horse battery"}""",
        ["CreateSessionRequest"] = """{"email":"ada@example.com","password":"correct horse battery"}""",
        ["SessionResponse"] = $$"""{"token":"q8Xr2v0b6YwJ1nKfE3tZpL9sHcA4mD7uG5oR2iWxVyQ","userId":"{{UserId}}","expiresAt":"2026-12-05T10:00:00Z"}""",
        ["UserResponse"] = $$"""{"id":"{{UserId}}","email":"ada@example.com","name":"Ada","createdAt":"2026-12-04T10:00:00Z","updatedAt":"2026-12-04T10:00:00Z"}""",
        ["RenameUserRequest"] = """{"name":"Ada Lovelace"}""",
        ["ChangePasswordRequest"] = """{"currentPassword":"correct horse battery","newPassword":"staple gun orbit 42"}""",
        ["CreateProductRequest"] = """{"name":"Espresso cup","description":"Porcelain, 80 ml.","price":12.50,"stock":40}""",
        ["UpdateProductRequest"] = """{"name":"Espresso cup","description":"Porcelain, 80 ml.","price":13.00}""",
        ["AdjustStockRequest"] = """{"delta":-3}""",
        ["ProductResponse"] = Product,
        ["PagedResponseOfProductResponse"] =
            $$"""{"items":[{{Product}}],"page":1,"pageSize":20,"totalCount":1,"totalCountIsEstimate":false}""",
        ["PlaceOrderRequest"] = $$"""{"items":[{"productId":"{{ProductId}}","quantity":2}]}""",
        ["OrderItemRequest"] = $$"""{"productId":"{{ProductId}}","quantity":2}""",
        ["LineItemResponse"] = Line,
        ["OrderResponse"] = Order,
        ["PagedResponseOfOrderResponse"] = $$"""{"items":[{{Order}}],"page":1,"pageSize":20,"totalCount":1}""",
        ["PaymentRequest"] = """{"amount":25.00}""",
        ["CreateWebhookRequest"] = """{"url":"https://hooks.example.com/shop","events":["order.paid","product.stock_changed"]}""",
        ["CreatedWebhookResponse"] =
            $$"""{"id":"{{WebhookId}}","url":"https://hooks.example.com/shop","events":["order.paid","product.stock_changed"],"createdAt":"2026-12-04T10:00:00Z","secret":"whsec_BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSY="}""",
        ["WebhookResponse"] = Webhook,
        ["PagedResponseOfWebhookResponse"] = $$"""{"items":[{{Webhook}}],"page":1,"pageSize":20,"totalCount":1}""",
        ["WebhookDeliveryResponse"] = Delivery,
        ["PagedResponseOfWebhookDeliveryResponse"] = $$"""{"items":[{{Delivery}}],"page":1,"pageSize":20,"totalCount":1}""",
        [ProblemSchemas.Problem] = $$"""{"type":"/problems/order-not-pending","title":"Order not pending","status":409,"detail":"Order '{{OrderId}}' is paid, not pending.","instance":"/api/orders/{{OrderId}}/payment","traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}""",
        [ProblemSchemas.ValidationProblem] = """{"type":"/problems/validation-failed","title":"Invalid fields","status":400,"detail":"See the errors object for each invalid field.","instance":"/api/users","traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","errors":{"password":["'password' must be between 8 and 128 characters."]}}""",
    };

    /// <summary>Puts its example on every schema of the document that has one here.</summary>
    public static void Add(OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is OpenApiSchema concrete && Examples.TryGetValue(name, out var example))
            {
                concrete.Examples = [JsonNode.Parse(example)!];
            }
        }
    }
}
