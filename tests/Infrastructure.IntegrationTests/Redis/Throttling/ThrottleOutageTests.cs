using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shop.Application.Behaviors;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Pagination;
using Shop.Application.Validation;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Identity.Throttling;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis.Throttling;

/// <summary>
/// With Redis unreachable, logging in fails closed (unavailable: unchecked guesses would answer 401 or 503 by
/// whether the password was right), while registering fails open, like the per-IP rate limit.
/// </summary>
public sealed class ThrottleOutageTests : IAsyncLifetime
{
    private ConnectionMultiplexer _unreachable = null!;

    public async Task InitializeAsync()
    {
        // Port 1 on loopback: nothing listens there, so every command fails fast.
        var options = ConfigurationOptions.Parse("127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=300,asyncTimeout=300,connectRetry=0");
        _unreachable = await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async Task DisposeAsync() => await _unreachable.DisposeAsync();

    [Fact]
    public async Task A_login_attempt_is_unavailable()
    {
        var throttle = new RedisLoginThrottle(
            _unreachable, Options.Create(new LoginThrottleOptions()),
            new OutageLog(NullLogger<OutageLog>.Instance, TimeProvider.System));

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => throttle.TryAttemptAsync("ann@example.com", "198.51.100.1", CancellationToken.None));
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => throttle.SucceededAsync(
            new LoginAttempt("ann@example.com", "198.51.100.1", false, null, TimeSpan.FromMinutes(15)), CancellationToken.None));
    }

    [Fact]
    public async Task A_registration_is_let_through()
    {
        var throttle = new RedisRegistrationThrottle(
            _unreachable,
            Options.Create(new RegistrationThrottleOptions { PermitsPerWindow = 1 }),
            new OutageLog(NullLogger<OutageLog>.Instance, TimeProvider.System));

        var decision = await throttle.TryRegisterAsync("203.0.113.9", CancellationToken.None);

        Assert.True(decision.Allowed);
    }
}
