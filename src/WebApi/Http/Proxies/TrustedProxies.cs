using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
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

    /// <summary>Registers the listed networks; the composition root has read them with <see cref="TryRead"/>.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IReadOnlyList<IPNetwork> networks)
    {
        services.AddSingleton(new TrustedProxyNetworks(networks));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
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
        return app.ApplicationServices.GetRequiredService<TrustedProxyNetworks>().Networks.Count > 0
            ? app.UseForwardedHeaders()
            : app;
    }

    /// <summary>The listed networks, or the error that names the entry the host cannot use.</summary>
    public static bool TryRead(IConfiguration configuration, out List<IPNetwork> networks, out string? error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        networks = [];
        error = null;
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
                error = $"{entry.Path} must be an IP address or a CIDR network (for example 10.0.0.5 or 172.16.0.0/12); it is '{value}' " +
                    $"(environment variable {entry.Path.Replace(":", "__", StringComparison.Ordinal)}).";
                return false;
            }
        }

        return true;
    }
}

/// <summary>The networks whose forwarded headers are believed; empty when the API is reached directly.</summary>
internal sealed record TrustedProxyNetworks(IReadOnlyList<IPNetwork> Networks);
