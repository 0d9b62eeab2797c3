using System.Net;
using Shop.WebApi.FunctionalTests.Support;
using static Shop.WebApi.FunctionalTests.Identity.ThrottleAssert;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>Two API instances with the default login throttle: failures on one throttle the account on the other.</summary>
public sealed class ScaleOutThrottleTests : IClassFixture<ScaleOutThrottleTests.DefaultThrottleHosts>
{
    private readonly DefaultThrottleHosts _hosts;

    public ScaleOutThrottleTests(DefaultThrottleHosts hosts) => _hosts = hosts;

    [Fact]
    public async Task A_user_registered_on_one_instance_logs_in_on_the_other()
    {
        var user = await _hosts.First.NewUserAsync();

        using var login = await LogInAsync(_hosts.Second, user.Email, ShopApiFactory.Password, "127.0.0.1");

        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
    }

    [Fact]
    public async Task Ten_failures_on_the_first_instance_throttle_the_account_on_the_second()
    {
        var user = await _hosts.First.NewUserAsync();
        await FailLoginsAsync(_hosts.First, user.Email, 10);

        using var refused = await LogInAsync(_hosts.Second, user.Email, ShopApiFactory.Password, "127.0.0.30");

        await AssertTooManyAsync(refused, 900);
    }

    [Fact]
    public async Task Failures_spread_over_both_instances_add_up()
    {
        var user = await _hosts.First.NewUserAsync();
        await FailLoginsAsync(_hosts.First, user.Email, 5);
        await FailLoginsAsync(_hosts.Second, user.Email, 5, firstAddress: 6);

        using var refusedOnFirst = await LogInAsync(_hosts.First, user.Email, ShopApiFactory.Password, "127.0.0.31");
        using var refusedOnSecond = await LogInAsync(_hosts.Second, user.Email, ShopApiFactory.Password, "127.0.0.32");

        await AssertTooManyAsync(refusedOnFirst, 900);
        await AssertTooManyAsync(refusedOnSecond, 900);
    }

    public sealed class DefaultThrottleHosts : TwoHostsFactory
    {
        public DefaultThrottleHosts() : base(new Dictionary<string, string?> { ["Shop:LoginThrottle:MaxFailures"] = null })
        {
        }
    }
}
