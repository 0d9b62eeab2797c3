using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Shop.WebApi.Http.ClientAddresses;

/// <summary>
/// Who a per-IP limit counts (the rate limit's window, the registration budget): an IPv4 client by its address, an IPv6
/// client by its network of <see cref="ClientAddressOptions.Ipv6PrefixLength"/> bits (a /64 by default), since one
/// subscriber is handed a whole /64 and could otherwise take a fresh window from each of its addresses. An IPv4-mapped
/// IPv6 address (`::ffff:198.51.100.7`, from a dual-stack socket) counts as its IPv4 address.
/// </summary>
internal static class ClientKey
{
    /// <summary>The key of a request without a known address (a test server, say): all such requests share it.</summary>
    public const string Unknown = "unknown";

    /// <summary>The request's client key, from its remote address (the client's, behind a trusted proxy).</summary>
    public static string ClientKeyOf(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prefixLength = context.RequestServices.GetRequiredService<IOptions<ClientAddressOptions>>().Value.Ipv6PrefixLength;
        return Of(context.Connection.RemoteIpAddress, prefixLength);
    }

    /// <summary>`198.51.100.7` for an IPv4 address, `2001:db8:1:2::/64` for an IPv6 one (with a prefix of 64).</summary>
    public static string Of(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        // The bytes alone: the scope of a link-local address (`%3`) names an interface of this host, not a client.
        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), ipv6PrefixLength).ToString();
    }
}

/// <summary>`Shop:ClientAddresses`: how the per-IP limits group IPv6 clients.</summary>
internal sealed class ClientAddressOptions
{
    public const string Section = "Shop:ClientAddresses";

    /// <summary>
    /// The IPv6 network counted as one client. Shorter than /32 would lump a whole provider's customers together; 128
    /// counts every address on its own.
    /// </summary>
    [Range(32, 128, ErrorMessage = "a whole number from 32 to 128")]
    public int Ipv6PrefixLength { get; set; } = 64;
}
