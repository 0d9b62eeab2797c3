using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Infrastructure.IntegrationTests.Redis.Throttling;

/// <summary>A throttle setting the host cannot use stops the service registration, naming the key and its variable.</summary>
public sealed class ThrottleSettingsTests
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
    [InlineData("Shop:RegistrationThrottle:PermitsPerWindow", "0")]
    [InlineData("Shop:RegistrationThrottle:Window", "-00:01:00")]
    [InlineData("Shop:RegistrationThrottle:KeyPattern", "registrations:{hash}")]
    public void A_bad_value_fails_with_a_message_naming_the_key(string key, string value)
    {
        var exception = Assert.Throws<InvalidConfigurationException>(() => Register((key, value)));

        Assert.StartsWith($"{key} must be ", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_values_are_accepted()
    {
        var services = Register(
            ("Shop:LoginThrottle:MaxFailures", "5"),
            ("Shop:LoginThrottle:Window", "00:30:00"),
            ("Shop:LoginThrottle:KeyPattern", "shop-a:login-failures:{hash}"),
            ("Shop:RegistrationThrottle:PermitsPerWindow", "3"),
            ("Shop:RegistrationThrottle:Window", "1.00:00:00"));

        Assert.NotEmpty(services);
    }

    [Fact]
    public void Empty_values_as_empty_environment_variables_give_are_the_defaults()
    {
        var services = Register(
            ("Shop:LoginThrottle:MaxFailures", ""),
            ("Shop:LoginThrottle:Window", ""),
            ("Shop:LoginThrottle:KeyPattern", ""),
            ("Shop:RegistrationThrottle:PermitsPerWindow", ""));

        var login = Assert.Single(services, service => service.ServiceType == typeof(Identity.Throttling.LoginThrottleSettings));
        Assert.Equal(
            new Identity.Throttling.ThrottleSettings(10, TimeSpan.FromMinutes(15), "login-failures:{hash}", "{hash}"),
            ((Identity.Throttling.LoginThrottleSettings)login.ImplementationInstance!).Value);
        var registration = Assert.Single(services, service => service.ServiceType == typeof(Identity.Throttling.RegistrationThrottleSettings));
        Assert.Equal(
            new Identity.Throttling.ThrottleSettings(20, TimeSpan.FromHours(1), "registrations:{ip}", "{ip}"),
            ((Identity.Throttling.RegistrationThrottleSettings)registration.ImplementationInstance!).Value);
    }

    private static ServiceCollection Register(params (string Key, string Value)[] settings)
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
        return services;
    }
}
