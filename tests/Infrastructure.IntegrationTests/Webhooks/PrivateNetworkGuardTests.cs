using System.Net;
using Microsoft.Extensions.Options;
using Shop.Infrastructure.Webhooks;

namespace Shop.Infrastructure.IntegrationTests.Webhooks;

public sealed class PrivateNetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:192.168.0.1")]
    public void Loopback_private_link_local_and_unique_local_addresses_are_not_public(string address) =>
        Assert.False(PrivateNetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:93.184.215.14")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(PrivateNetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fd00::5]/hook")]
    public async Task A_url_on_a_private_address_is_refused_naming_the_address_unless_private_networks_are_allowed(string url)
    {
        var refusal = await Guard(allowPrivate: false).RefusalAsync(new Uri(url), CancellationToken.None);
        var allowed = await Guard(allowPrivate: true).RefusalAsync(new Uri(url), CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains("not a public address", refusal, StringComparison.Ordinal);
        Assert.Null(allowed);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_refused()
    {
        var refusal = await Guard(allowPrivate: false).RefusalAsync(new Uri("http://no-such-host.invalid/hook"), CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Contains("could not be resolved", refusal, StringComparison.Ordinal);
    }

    private static PrivateNetworkGuard Guard(bool allowPrivate) =>
        new(Options.Create(new WebhookOptions { AllowPrivateNetworks = allowPrivate }));
}
