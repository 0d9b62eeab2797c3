using System.Net;
using Shop.WebApi.FunctionalTests.Support;
using Shop.WebApi.Http.ClientAddresses;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>The per-IP limits count an IPv4 client by its address and an IPv6 client by its /64 (Shop:ClientAddresses).</summary>
public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("198.51.100.7", 64, "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", 64, "198.51.100.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2ff:3:4:5:6", 56, "2001:db8:1:200::/56")]
    [InlineData("2001:db8:1:2:3:4:5:6", 48, "2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:3:4:5:6", 128, "2001:db8:1:2:3:4:5:6/128")]
    [InlineData("fe80::1:2%3", 64, "fe80::/64")]
    public void An_address_gives_its_client_key(string address, int ipv6PrefixLength, string key)
    {
        Assert.Equal(key, ClientKey.Of(IPAddress.Parse(address), ipv6PrefixLength));
    }

    [Fact]
    public void A_request_without_an_address_has_the_shared_unknown_key()
    {
        Assert.Equal("unknown", ClientKey.Of(null, 64));
    }

    [Theory]
    [InlineData("31")]
    [InlineData("129")]
    public async Task An_unusable_prefix_length_stops_the_host_naming_the_key(string value)
    {
        await UnusableSetting.AssertStopsTheHostAsync(
            "Shop__ClientAddresses__Ipv6PrefixLength", value, "Shop:ClientAddresses:Ipv6PrefixLength must be a whole number from 32 to 128");
    }
}
