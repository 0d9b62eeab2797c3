namespace Shop.Infrastructure.Webhooks;

/// <summary>The `Shop:Webhooks` settings: how deliveries are sent.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Shop:Webhooks";

    /// <summary>
    /// True: URLs on loopback, private, link-local and unique-local addresses are allowed (tests, receivers on the
    /// operator's own network). False (the default) refuses them at registration and at every delivery.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
