using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Infrastructure.Identity.Throttling;

namespace Shop.Infrastructure.IntegrationTests.Redis.Throttling;

/// <summary>A throttle setting the host cannot use fails the start-up validation, naming the key and its variable.</summary>
public sealed class ThrottleOptionsTests
{
    [Theory]
    [InlineData("Shop:LoginThrottle:MaxFailures", "0")]
    [InlineData("Shop:LoginThrottle:MaxFailures", "-3")]
    [InlineData("Shop:LoginThrottle:MaxFailures", "ten")]
    [InlineData("Shop:LoginThrottle:Window", "0")]
    [InlineData("Shop:LoginThrottle:Window", "00:00:00.500")]
    [InlineData("Shop:LoginThrottle:Window", "15 minutes")]
    [InlineData("Shop:LoginThrottle:Window", "2.00:00:00")]
    [InlineData("Shop:LoginThrottle:KeyPattern", "login-failures")]
    [InlineData("Shop:LoginThrottle:KeyPattern", "{hash}:{hash}")]
    [InlineData("Shop:LoginThrottle:KeyPattern", "login failures:{hash}")]
    [InlineData("Shop:LoginThrottle:MaxFailuresPerAddress", "0")]
    [InlineData("Shop:LoginThrottle:KnownAddressLifetime", "00:59:59")]
    [InlineData("Shop:LoginThrottle:KnownAddressLifetime", "366.00:00:00")]
    [InlineData("Shop:LoginThrottle:AddressKeyPattern", "login-failures-from:{hash}")]
    [InlineData("Shop:LoginThrottle:KnownAddressKeyPattern", "login-known:{hash}")]
    [InlineData("Shop:LoginThrottle:KnownAddressFailuresKeyPattern", "login-failures:{ip}:{ip}:{hash}")]
    [InlineData("Shop:RegistrationThrottle:PermitsPerWindow", "0")]
    [InlineData("Shop:RegistrationThrottle:Window", "-00:01:00")]
    [InlineData("Shop:RegistrationThrottle:KeyPattern", "registrations:{hash}")]
    public void A_bad_value_fails_with_a_message_naming_the_key(string key, string value)
    {
        using var services = Register((key, value));

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var message = Assert.Single(exception.Failures);
        Assert.StartsWith($"{key} must be ", message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_values_are_accepted()
    {
        using var services = Register(
            ("Shop:LoginThrottle:MaxFailures", "5"),
            ("Shop:LoginThrottle:Window", "00:30:00"),
            ("Shop:LoginThrottle:KeyPattern", "shop-a:login-failures:{hash}"),
            ("Shop:LoginThrottle:MaxFailuresPerAddress", "7"),
            ("Shop:LoginThrottle:KnownAddressLifetime", "7.00:00:00"),
            ("Shop:LoginThrottle:KnownAddressKeyPattern", "shop-a:known:{ip}:{hash}"),
            ("Shop:RegistrationThrottle:PermitsPerWindow", "3"),
            ("Shop:RegistrationThrottle:Window", "1.00:00:00"));

        services.GetRequiredService<IStartupValidator>().Validate();

        var login = services.GetRequiredService<IOptions<LoginThrottleOptions>>().Value;
        Assert.Equal((5, TimeSpan.FromMinutes(30), "shop-a:login-failures:{hash}"), (login.MaxFailures, login.Window, login.KeyPattern));
        Assert.Equal((7, TimeSpan.FromDays(7)), (login.MaxFailuresPerAddress, login.KnownAddressLifetime));
        Assert.Equal("shop-a:known:198.51.100.1:abc", login.KnownAddressKeyFor("abc", "198.51.100.1"));
        var registration = services.GetRequiredService<IOptions<RegistrationThrottleOptions>>().Value;
        Assert.Equal((3, TimeSpan.FromDays(1)), (registration.PermitsPerWindow, registration.Window));
    }

    [Fact]
    public void Empty_values_as_empty_environment_variables_give_are_the_defaults()
    {
        using var services = Register(
            ("Shop:LoginThrottle:MaxFailures", ""),
            ("Shop:LoginThrottle:Window", ""),
            ("Shop:LoginThrottle:KeyPattern", ""),
            ("Shop:RegistrationThrottle:PermitsPerWindow", ""));

        services.GetRequiredService<IStartupValidator>().Validate();

        var login = services.GetRequiredService<IOptions<LoginThrottleOptions>>().Value;
        Assert.Equal((10, TimeSpan.FromMinutes(15), "login-failures:{hash}"), (login.MaxFailures, login.Window, login.KeyPattern));
        Assert.Equal((50, TimeSpan.FromDays(30)), (login.MaxFailuresPerAddress, login.KnownAddressLifetime));
        var registration = services.GetRequiredService<IOptions<RegistrationThrottleOptions>>().Value;
        Assert.Equal((20, TimeSpan.FromHours(1), "registrations:{ip}"), (registration.PermitsPerWindow, registration.Window, registration.KeyPattern));
    }

    private static ServiceProvider Register(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["ConnectionStrings:Redis"] = "127.0.0.1:1,abortConnect=false",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }
}
