using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Identity.Ports;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>The throttles' one-key script on a 3-master cluster, with keys that land on every master.</summary>
[Collection(SharedRedisCluster.Name)]
public sealed class ClusterThrottleTests
{
    private readonly RedisClusterFixture _fixture;

    public ClusterThrottleTests(RedisClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Login_failures_are_counted_refused_over_the_limit_and_a_success_remembers_its_address_on_every_master()
    {
        var throttle = _fixture.Services.GetRequiredService<ILoginThrottle>();
        var emails = Enumerable.Range(0, 12).Select(_ => $"guess-{Guid.NewGuid():N}@cluster.test").ToList();
        var masters = emails.Select(email => _fixture.Redis.GetServer(_fixture.Database.IdentifyEndpoint(KeyFor(email))!).EndPoint.ToString())
            .Distinct().Count();
        Assert.True(masters > 1, "the keys all hash to one master; the test would not cross nodes");

        foreach (var email in emails)
        {
            for (var attempt = 1; attempt <= 10; attempt++)
            {
                Assert.True((await throttle.TryAttemptAsync(email, $"198.51.100.30-{Guid.NewGuid():N}", CancellationToken.None)).Allowed, $"attempt {attempt} for {email} was refused");
            }

            var refused = await throttle.TryAttemptAsync(email, $"198.51.100.30-{Guid.NewGuid():N}", CancellationToken.None);
            Assert.False(refused.Allowed);
            Assert.Equal(10L, (long)await _fixture.Database.StringGetAsync(KeyFor(email)));
            var ttl = await _fixture.Database.KeyTimeToLiveAsync(KeyFor(email));
            Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14.5), TimeSpan.FromMinutes(15));

            var home = $"203.0.113.{Random.Shared.Next(1, 255)}-{Guid.NewGuid():N}";
            var success = await throttle.TryAttemptAsync(email, home, CancellationToken.None);
            Assert.Equal(LoginLimit.Account, success.RefusedBy);
            await _fixture.Database.KeyDeleteAsync(KeyFor(email));
            await throttle.SucceededAsync(await throttle.TryAttemptAsync(email, home, CancellationToken.None), CancellationToken.None);
            Assert.Equal(0L, (long)await _fixture.Database.StringGetAsync(KeyFor(email)));
            Assert.True((await throttle.TryAttemptAsync(email, home, CancellationToken.None)).FromKnownAddress);
        }
    }

    [Fact]
    public async Task Registrations_are_counted_per_address()
    {
        var throttle = _fixture.Services.GetRequiredService<IRegistrationThrottle>();
        var ip = $"198.51.100.{Random.Shared.Next(1, 255)}-{Guid.NewGuid():N}";
        for (var registration = 1; registration <= 20; registration++)
        {
            Assert.True((await throttle.TryRegisterAsync(ip, CancellationToken.None)).Allowed);
        }

        Assert.False((await throttle.TryRegisterAsync(ip, CancellationToken.None)).Allowed);
        var ttl = await _fixture.Database.KeyTimeToLiveAsync($"registrations:{ip}");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    private static string KeyFor(string email) => "login-failures:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)));
}
