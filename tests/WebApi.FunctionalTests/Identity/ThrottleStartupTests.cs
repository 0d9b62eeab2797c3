using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>A throttle setting the host cannot use stops it at start-up with one line that names the key.</summary>
public sealed class ThrottleStartupTests
{
    [Theory]
    [InlineData("Shop__LoginThrottle__MaxFailures", "0", "Shop:LoginThrottle:MaxFailures must be a whole number from 1 to 1000000")]
    [InlineData("Shop__LoginThrottle__Window", "15 minutes", "Shop:LoginThrottle:Window must be a duration")]
    [InlineData("Shop__RegistrationThrottle__KeyPattern", "registrations", "Shop:RegistrationThrottle:KeyPattern must be a key")]
    [InlineData("Shop__LoginThrottle__KnownAddressKeyPattern", "login-known:{hash}", "Shop:LoginThrottle:KnownAddressKeyPattern must be a key without spaces containing {hash} and {ip} once each")]
    [InlineData("Shop__Sessions__MaxPerUser", "0", "Shop:Sessions:MaxPerUser must be a whole number from 1 to 1000")]
    public async Task The_host_exits_2_naming_the_key(string variable, string value, string message)
    {
        await UnusableSetting.AssertStopsTheHostAsync(variable, value, message);
    }
}
