using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Shop.WebApi.Http.Proxies;

/// <summary>
/// Behind a load balancer every connection comes from the proxy. For the proxies listed in `Shop:TrustedProxies`
/// (addresses or CIDR networks) the framework's forwarded-headers middleware takes the client's address from the last
/// `X-Forwarded-For` entry, so the per-IP rate limit and registration limit count clients, not the proxy. With none
/// listed the middleware is not used at all: it would otherwise trust any sender's header.
/// </summary>
internal static class TrustedProxies
{
    public const string Key = "Shop:TrustedProxies";

    /// <summary>Registers the listed networks; the composition root has read them with <see cref="Read"/>.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IReadOnlyList<IPNetwork> networks)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // The framework trusts loopback by default; only what the operator lists is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0
            ? app.UseForwardedHeaders()
            : app;
    }

    /// <summary>The listed networks; null when every entry is usable, else the first one that is not.</summary>
    public static UnusableConfiguration? Read(IConfiguration configuration, out List<IPNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        networks = [];
        foreach (var entry in configuration.GetSection(Key).GetChildren())
        {
            var value = entry.Value?.Trim() ?? string.Empty;
            if (IPNetwork.TryParse(value, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(value, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                return new UnusableConfiguration(entry.Path, "an IP address or a CIDR network (for example 10.0.0.5 or 172.16.0.0/12)", value);
            }
        }

        return null;
    }
}
