using System.ComponentModel.DataAnnotations;
using Shop.WebApi.Http.Proxies;

namespace Shop.WebApi;

/// <summary>The keys directly in the `Shop` configuration section.</summary>
internal sealed class ShopOptions
{
    public const string Section = "Shop";

    /// <summary>No longer grants anything (administrators are so by record); a list still set is warned about at start-up.</summary>
    public IReadOnlyList<string> Admins { get; set; } = [];

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = "a whole number of bytes from 1")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Proxies whose X-Forwarded-For gives the client's address (<see cref="Http.Proxies.TrustedProxies"/>).</summary>
    [ProxyNetworks]
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];
}
