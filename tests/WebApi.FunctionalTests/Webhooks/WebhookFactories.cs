using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// A host that accepts webhook URLs on private networks (the tests' receivers are on loopback) and runs no relay,
/// so a delivery stays pending as the outbox wrote it.
/// </summary>
public sealed class PrivateNetworkWebhooksFactory : ShopApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Shop:Webhooks:AllowPrivateNetworks"] = "true",
        ["Shop:Outbox:RelayEnabled"] = "false",
    };
}
