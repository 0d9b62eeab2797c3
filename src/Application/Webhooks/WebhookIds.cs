namespace Shop.Application.Webhooks;

/// <summary>The <c>webhook-id</c> of an event: its outbox message id, the same on every delivery and retry.</summary>
public static class WebhookIds
{
    public static string Of(Guid messageId) => "msg_" + messageId.ToString("N");
}
