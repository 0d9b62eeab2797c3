using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Shop.Application.Webhooks.Ports;

namespace Shop.Infrastructure.Webhooks;

/// <summary>
/// Refuses webhook URLs whose host is, or resolves to, an address that is not on the public internet. Deliveries check
/// the address they actually connect to with <see cref="IsPublic"/>, so a DNS answer that changes after the
/// registration cannot reach the shop's own network.
/// </summary>
internal sealed class PrivateNetworkGuard : IWebhookUrlGuard
{
    private readonly WebhookOptions _options;

    public PrivateNetworkGuard(IOptions<WebhookOptions> options) => _options = options.Value;

    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_options.AllowPrivateNetworks)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await AddressesOfAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host '{url.Host}' could not be resolved.";
        }

        return addresses.Length == 0
            ? $"The host '{url.Host}' could not be resolved."
            : addresses.FirstOrDefault(address => !IsPublic(address)) is { } blocked
                ? $"The host '{url.Host}' resolves to {blocked}, which is not a public address (loopback, private, link-local or unique-local)."
                : null;
    }

    /// <summary>The host's addresses: itself when it is an IP literal, else what DNS answers now.</summary>
    public static async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>False for loopback, private (RFC 1918, shared 100.64/10), link-local, unique-local, unspecified and multicast addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || (first[0] == 0 && first.Take(12).All(b => b == 0))); // ::/96, the deprecated IPv4-compatible range
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 10 || b[0] >= 224
            || (b[0] == 100 && (b[1] & 0xC0) == 64)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && (b[1] & 0xF0) == 16)
            || (b[0] == 192 && b[1] == 168));
    }
}
