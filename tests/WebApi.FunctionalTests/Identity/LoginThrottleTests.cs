using System.Net;
using System.Net.Http.Json;
using Shop.WebApi.FunctionalTests.Support;
using static Shop.WebApi.FunctionalTests.Identity.ThrottleAssert;

namespace Shop.WebApi.FunctionalTests.Identity;

/// <summary>
/// Password guessing throttled per account with the application's defaults (10 failures in 15 minutes), from
/// whatever source address the guesses come, for every address that has not signed in to the account.
/// </summary>
public sealed class LoginThrottleTests : IClassFixture<LoginThrottleTests.DefaultThrottleFactory>
{
    private const int MaxFailures = 10;
    private const int WindowSeconds = 15 * 60;
    private readonly DefaultThrottleFactory _factory;

    public LoginThrottleTests(DefaultThrottleFactory factory) => _factory = factory;

    [Fact]
    public async Task Ten_wrong_passwords_from_several_addresses_then_the_right_one_is_429_with_retry_after()
    {
        var user = await _factory.NewUserAsync();
        await FailLoginsAsync(_factory, user.Email, MaxFailures);

        // Another address, and the e-mail in another case: the same account all the same.
        using var right = await LogInAsync(_factory, user.Email.ToUpperInvariant(), ShopApiFactory.Password, "127.0.0.9");
        using var wrong = await LogInAsync(_factory, user.Email, WrongPassword, "127.0.0.10");

        var problem = await AssertTooManyAsync(right, WindowSeconds);
        Assert.StartsWith("Too many failed logins for this e-mail; retry after ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertTooManyAsync(wrong, WindowSeconds);
        Assert.Equal(MaxFailures, (long)await _factory.Redis.StringGetAsync(LoginKey(user.Email)));
        var ttl = await _factory.Redis.KeyTimeToLiveAsync(LoginKey(user.Email));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(WindowSeconds - 60), TimeSpan.FromSeconds(WindowSeconds));
    }

    [Fact]
    public async Task No_email_sits_in_redis_in_clear()
    {
        var user = await _factory.NewUserAsync();

        await FailLoginsAsync(_factory, user.Email, 2);

        Assert.True(await _factory.Redis.KeyExistsAsync(LoginKey(user.Email)));
        var server = _factory.Redis.Multiplexer.GetServers().Single();
        Assert.Empty(server.Keys(_factory.RedisDatabaseIndex, $"*{user.Email}*"));
    }

    [Fact]
    public async Task An_unknown_email_is_counted_and_refused_exactly_like_an_account()
    {
        var user = await _factory.NewUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@functional.test";
        await FailLoginsAsync(_factory, user.Email, MaxFailures);
        await FailLoginsAsync(_factory, unknown, MaxFailures);

        using var knownRefused = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "127.0.0.11");
        using var unknownRefused = await LogInAsync(_factory, unknown, ShopApiFactory.Password, "127.0.0.11");

        var known = await AssertTooManyAsync(knownRefused, WindowSeconds);
        var stranger = await AssertTooManyAsync(unknownRefused, WindowSeconds);
        Assert.Equal(Shape(known), Shape(stranger));
        Assert.Equal(MaxFailures, (long)await _factory.Redis.StringGetAsync(LoginKey(unknown)));
        Assert.InRange(
            (int)(knownRefused.Headers.RetryAfter!.Delta!.Value - unknownRefused.Headers.RetryAfter!.Delta!.Value).Duration().TotalSeconds, 0, 60);
    }

    [Fact]
    public async Task Another_account_other_routes_and_open_sessions_are_unaffected()
    {
        var throttled = await _factory.NewUserAsync();
        var other = await _factory.NewUserAsync();
        await FailLoginsAsync(_factory, throttled.Email, MaxFailures);
        using var refused = await LogInAsync(_factory, throttled.Email, ShopApiFactory.Password, "127.0.0.1");
        await AssertTooManyAsync(refused, WindowSeconds);

        using var otherLogin = await LogInAsync(_factory, other.Email, ShopApiFactory.Password, "127.0.0.1");
        using var anonymous = _factory.CreateAnonymousClient("127.0.0.1");
        using var products = await anonymous.GetAsync(new Uri("/api/products", UriKind.Relative));
        using var me = await throttled.Client.GetAsync(new Uri("/api/users/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, otherLogin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_successful_login_below_the_limit_takes_back_only_its_own_attempt_and_makes_its_address_known()
    {
        var user = await _factory.NewUserAsync();
        await FailLoginsAsync(_factory, user.Email, MaxFailures - 1);

        using var login = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "127.0.0.1");

        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        Assert.Equal(MaxFailures - 1, (long)await _factory.Redis.StringGetAsync(LoginKey(user.Email)));
        await FailLoginsAsync(_factory, user.Email, 1, firstAddress: 2);
        using var stranger = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "127.0.0.6");
        using var known = await LogInAsync(_factory, user.Email, ShopApiFactory.Password, "127.0.0.1");
        await AssertTooManyAsync(stranger, WindowSeconds);
        Assert.Equal(HttpStatusCode.Created, known.StatusCode);
    }

    [Fact]
    public async Task An_invalid_request_is_not_counted()
    {
        var user = await _factory.NewUserAsync();
        using var client = _factory.CreateAnonymousClient("127.0.0.1");

        using var invalid = await client.PostAsJsonAsync("/api/sessions", new { email = user.Email, password = "" });

        await invalid.AssertValidationProblemAsync("password");
        Assert.False(await _factory.Redis.KeyExistsAsync(LoginKey(user.Email)));
    }

    /// <summary>The login throttle at the application's defaults (the shared factory's test values removed).</summary>
    public sealed class DefaultThrottleFactory : ShopApiFactory
    {
        public DefaultThrottleFactory()
            : base(null, new Dictionary<string, string?> { ["Shop:LoginThrottle:MaxFailures"] = null })
        {
        }
    }
}
