namespace Shop.Application.Webhooks.Ports;

/// <summary>
/// Server-side request forgery protection for webhook URLs: a URL whose host resolves to a loopback, private,
/// link-local or unique-local address is refused (unless the operator allows private networks). Checked when a
/// subscription is created and again when each delivery connects, since DNS answers can change.
/// </summary>
public interface IWebhookUrlGuard
{
    /// <summary>Null when the URL may be delivered to; otherwise why not, for the client.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
