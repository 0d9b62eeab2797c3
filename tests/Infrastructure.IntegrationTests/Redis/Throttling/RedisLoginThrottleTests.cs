using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.IntegrationTests.Support;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis.Throttling;

/// <summary>RedisLoginThrottle against the real Redis, with the default 10 failures in 15 minutes.</summary>
public sealed class RedisLoginThrottleTests : IClassFixture<EmptyDatabaseFixture>
{
    private const int MaxFailures = 10;

    // A new address for each attempt unless a test says otherwise: they all count for the account alike.
    private static string Ip => NewIp();
    private readonly EmptyDatabaseFixture _fixture;

    public RedisLoginThrottleTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    private ILoginThrottle Throttle => _fixture.Services.GetRequiredService<ILoginThrottle>();

    [Fact]
    public async Task The_first_attempt_creates_a_counter_under_the_sha256_of_the_email_with_a_15_minute_TTL()
    {
        var email = NewEmail();

        var decision = await Throttle.TryAttemptAsync(email, Ip, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.InRange(decision.RetryAfter, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15));
        Assert.Equal(1L, (long)await _fixture.RedisDatabase.StringGetAsync(KeyFor(email)));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(KeyFor(email));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15));
        var server = _fixture.Redis.GetServers().Single();
        Assert.Empty(server.Keys(_fixture.RedisDatabaseIndex, $"*{email}*"));
    }

    [Fact]
    public async Task Ten_attempts_are_allowed_and_the_next_ones_are_refused_without_being_counted_or_extending_the_window()
    {
        var email = NewEmail();
        for (var attempt = 1; attempt <= MaxFailures; attempt++)
        {
            Assert.True((await Throttle.TryAttemptAsync(email, Ip, CancellationToken.None)).Allowed, $"attempt {attempt} was refused");
        }

        Assert.True(await _fixture.RedisDatabase.KeyExpireAsync(KeyFor(email), TimeSpan.FromSeconds(30)));
        var refused = await Throttle.TryAttemptAsync(email, Ip, CancellationToken.None);
        var again = await Throttle.TryAttemptAsync(email, Ip, CancellationToken.None);

        Assert.False(refused.Allowed);
        Assert.False(again.Allowed);
        Assert.InRange(again.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(MaxFailures, (long)await _fixture.RedisDatabase.StringGetAsync(KeyFor(email)));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(KeyFor(email));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Emails_are_counted_separately()
    {
        var (busy, quiet) = (NewEmail(), NewEmail());
        for (var attempt = 0; attempt <= MaxFailures; attempt++)
        {
            await Throttle.TryAttemptAsync(busy, Ip, CancellationToken.None);
        }

        Assert.False((await Throttle.TryAttemptAsync(busy, Ip, CancellationToken.None)).Allowed);
        Assert.True((await Throttle.TryAttemptAsync(quiet, Ip, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_success_takes_its_own_attempt_back_keeps_the_failures_and_remembers_the_address_for_30_days()
    {
        var email = NewEmail();
        var ip = NewIp();
        await Throttle.TryAttemptAsync(email, NewIp(), CancellationToken.None);
        var attempt = await Throttle.TryAttemptAsync(email, ip, CancellationToken.None);

        await Throttle.SucceededAsync(attempt, CancellationToken.None);

        Assert.False(attempt.FromKnownAddress);
        Assert.Equal(1L, (long)await _fixture.RedisDatabase.StringGetAsync(KeyFor(email)));
        Assert.Equal(0L, (long)await _fixture.RedisDatabase.StringGetAsync("login-failures-from:" + ip));
        var known = await _fixture.RedisDatabase.KeyTimeToLiveAsync($"login-known:{Sha256(email)}:{ip}");
        Assert.InRange(known!.Value, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.True((await Throttle.TryAttemptAsync(email, ip, CancellationToken.None)).FromKnownAddress);
    }

    [Fact]
    public async Task A_known_address_has_its_own_count_for_the_account_cleared_by_its_success()
    {
        var email = NewEmail();
        var home = NewIp();
        await Throttle.SucceededAsync(await Throttle.TryAttemptAsync(email, home, CancellationToken.None), CancellationToken.None);
        for (var attempt = 0; attempt < MaxFailures; attempt++)
        {
            await Throttle.TryAttemptAsync(email, NewIp(), CancellationToken.None);
        }

        Assert.False((await Throttle.TryAttemptAsync(email, NewIp(), CancellationToken.None)).Allowed);
        for (var attempt = 1; attempt <= MaxFailures; attempt++)
        {
            Assert.True((await Throttle.TryAttemptAsync(email, home, CancellationToken.None)).Allowed, $"attempt {attempt} from home was refused");
        }

        var refused = await Throttle.TryAttemptAsync(email, home, CancellationToken.None);
        Assert.Equal(LoginLimit.Account, refused.RefusedBy);
        Assert.Equal(MaxFailures, (long)await _fixture.RedisDatabase.StringGetAsync($"login-failures:{Sha256(email)}:{home}"));

        var last = await Throttle.TryAttemptAsync(email, home, CancellationToken.None);
        Assert.False(last.Allowed);
        await _fixture.RedisDatabase.KeyDeleteAsync($"login-failures:{Sha256(email)}:{home}");
        await Throttle.SucceededAsync(await Throttle.TryAttemptAsync(email, home, CancellationToken.None), CancellationToken.None);
        Assert.False(await _fixture.RedisDatabase.KeyExistsAsync($"login-failures:{Sha256(email)}:{home}"));
    }

    [Fact]
    public async Task An_address_is_refused_after_its_failures_across_accounts_with_its_window()
    {
        await using var configured = ThrottleServices.Build(_fixture.Redis.Configuration, ("Shop:LoginThrottle:MaxFailuresPerAddress", "3"));
        var throttle = configured.GetRequiredService<ILoginThrottle>();
        var ip = NewIp();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.True((await throttle.TryAttemptAsync(NewEmail(), ip, CancellationToken.None)).Allowed);
        }

        var refused = await throttle.TryAttemptAsync(NewEmail(), ip, CancellationToken.None);

        Assert.Equal(LoginLimit.Address, refused.RefusedBy);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15));
        Assert.True((await throttle.TryAttemptAsync(NewEmail(), NewIp(), CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task The_counter_is_shared_by_instances_with_their_own_connections()
    {
        await using var other = ThrottleServices.Build(_fixture.Redis.Configuration);
        var otherThrottle = other.GetRequiredService<ILoginThrottle>();
        var email = NewEmail();

        for (var attempt = 0; attempt < MaxFailures; attempt++)
        {
            var throttle = attempt % 2 == 0 ? Throttle : otherThrottle;
            Assert.True((await throttle.TryAttemptAsync(email, Ip, CancellationToken.None)).Allowed);
        }

        Assert.False((await otherThrottle.TryAttemptAsync(email, Ip, CancellationToken.None)).Allowed);
        Assert.False((await Throttle.TryAttemptAsync(email, Ip, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Concurrent_attempts_cannot_overrun_the_limit()
    {
        var email = NewEmail();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Throttle.TryAttemptAsync(email, Ip, CancellationToken.None)));

        Assert.Equal(MaxFailures, decisions.Count(decision => decision.Allowed));
        Assert.Equal(MaxFailures, (long)await _fixture.RedisDatabase.StringGetAsync(KeyFor(email)));
    }

    [Fact]
    public async Task The_limit_window_and_key_pattern_come_from_configuration_and_the_window_ends()
    {
        await using var configured = ThrottleServices.Build(
            _fixture.Redis.Configuration,
            ("Shop:LoginThrottle:MaxFailures", "2"),
            ("Shop:LoginThrottle:Window", "00:00:02"),
            ("Shop:LoginThrottle:KeyPattern", "tenant-a:failed-logins:{hash}"));
        var throttle = configured.GetRequiredService<ILoginThrottle>();
        var email = NewEmail();
        var key = "tenant-a:failed-logins:" + Sha256(email);

        Assert.True((await throttle.TryAttemptAsync(email, Ip, CancellationToken.None)).Allowed);
        Assert.True((await throttle.TryAttemptAsync(email, Ip, CancellationToken.None)).Allowed);
        var refused = await throttle.TryAttemptAsync(email, Ip, CancellationToken.None);

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(2L, (long)await _fixture.RedisDatabase.StringGetAsync(key));
        Assert.False(await _fixture.RedisDatabase.KeyExistsAsync(KeyFor(email)));

        await Task.Delay(refused.RetryAfter + TimeSpan.FromMilliseconds(200));

        Assert.True((await throttle.TryAttemptAsync(email, Ip, CancellationToken.None)).Allowed);
    }

    private static string NewIp() => $"2001:db8::{Guid.NewGuid().ToString("N")[..4]}:{Guid.NewGuid().ToString("N")[..4]}";

    private static string NewEmail() => $"guess-{Guid.NewGuid():N}@integration.test";

    private static string KeyFor(string email) => "login-failures:" + Sha256(email);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
