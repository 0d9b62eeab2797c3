using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Redis.Throttling;

/// <summary>RedisRegistrationThrottle against the real Redis, with the default 20 registrations an hour per address.</summary>
public sealed class RedisRegistrationThrottleTests : IClassFixture<EmptyDatabaseFixture>
{
    private const int Permits = 20;
    private readonly EmptyDatabaseFixture _fixture;

    public RedisRegistrationThrottleTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    private IRegistrationThrottle Throttle => _fixture.Services.GetRequiredService<IRegistrationThrottle>();

    [Fact]
    public async Task Registrations_are_counted_under_registrations_ip_for_an_hour_and_refused_over_the_limit()
    {
        var ip = NewIp();
        for (var registration = 1; registration <= Permits; registration++)
        {
            Assert.True((await Throttle.TryRegisterAsync(ip, CancellationToken.None)).Allowed, $"registration {registration} was refused");
        }

        var refused = await Throttle.TryRegisterAsync(ip, CancellationToken.None);

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(Permits, (long)await _fixture.RedisDatabase.StringGetAsync($"registrations:{ip}"));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync($"registrations:{ip}");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.True((await Throttle.TryRegisterAsync(NewIp(), CancellationToken.None)).Allowed, "another address was refused");
    }

    [Fact]
    public async Task The_count_is_shared_by_instances_and_configurable()
    {
        var settings = new[] { ("Shop:RegistrationThrottle:PermitsPerWindow", "2"), ("Shop:RegistrationThrottle:Window", "00:05:00") };
        await using var first = ThrottleServices.Build(_fixture.Redis.Configuration, settings);
        await using var second = ThrottleServices.Build(_fixture.Redis.Configuration, settings);
        var ip = NewIp();

        Assert.True((await first.GetRequiredService<IRegistrationThrottle>().TryRegisterAsync(ip, CancellationToken.None)).Allowed);
        Assert.True((await second.GetRequiredService<IRegistrationThrottle>().TryRegisterAsync(ip, CancellationToken.None)).Allowed);
        var refused = await first.GetRequiredService<IRegistrationThrottle>().TryRegisterAsync(ip, CancellationToken.None);

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
    }

    private static string NewIp() => $"198.51.100.{Random.Shared.Next(1, 255)}-{Guid.NewGuid():N}";
}
