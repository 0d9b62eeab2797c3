using System.Net;
using Shop.WebApi.FunctionalTests.Support;
using static Shop.WebApi.FunctionalTests.Identity.ThrottleAssert;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>The window ends: with 2 failures in 6 seconds configured (short, yet longer than two slow password checks on a busy machine), the account logs in again once Retry-After has passed.</summary>
public sealed class LoginThrottleWindowTests : IClassFixture<LoginThrottleWindowTests.ShortWindowFactory>
{
    private readonly ShortWindowFactory _factory;

    public LoginThrottleWindowTests(ShortWindowFactory factory) => _factory = factory;

    [Fact]
    public async Task After_the_window_the_right_password_logs_in_again()
    {
        var user = await _factory.NewUserAsync();
        await FailLoginsAsync(_factory, user.Email, 2);
        using var refused = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "127.0.0.1");
        await AssertTooManyAsync(refused, 6);

        await Task.Delay(refused.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(300));
        using var login = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "127.0.0.1");

        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
    }

    public sealed class ShortWindowFactory : ShopApiFactory
    {
        public ShortWindowFactory()
            : base(null, new Dictionary<string, string?>
            {
                ["Shop:LoginThrottle:MaxFailures"] = "2",
                ["Shop:LoginThrottle:Window"] = "00:00:06",
            })
        {
        }
    }
}
