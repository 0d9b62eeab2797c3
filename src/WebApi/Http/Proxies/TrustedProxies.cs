using System.ComponentModel.DataAnnotations;
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
    /// <summary>Configures the forwarded headers with the networks listed in <see cref="ShopOptions.TrustedProxies"/>.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ShopOptions>>((options, shop) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // The framework trusts loopback by default; only what the operator lists is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in shop.Value.TrustedProxies)
            {
                options.KnownIPNetworks.Add(TryParse(entry, out var network)
                    ? network
                    : throw new InvalidOperationException($"'{entry}' passed the validation of {nameof(ShopOptions.TrustedProxies)}."));
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

    /// <summary>An address (a network of that one address) or a CIDR network.</summary>
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        var value = entry?.Trim() ?? string.Empty;
        if (IPNetwork.TryParse(value, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(value, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return false;
    }
}

/// <summary>Every entry of the list an IP address or a CIDR network; the first that is not is named by its index.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ProxyNetworksAttribute : ValidationAttribute
{
    public ProxyNetworksAttribute()
        : base("an IP address or a CIDR network (for example 10.0.0.5 or 172.16.0.0/12)")
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var index = 0;
        foreach (var entry in value as IEnumerable<string> ?? [])
        {
            if (!TrustedProxies.TryParse(entry, out _))
            {
                return new ValidationResult(
                    FormatErrorMessage(validationContext.DisplayName), [$"{validationContext.MemberName}:{index}"]);
            }

            index++;
        }

        return ValidationResult.Success;
    }
}
