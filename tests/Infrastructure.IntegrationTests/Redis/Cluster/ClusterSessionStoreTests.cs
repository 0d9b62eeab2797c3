using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Identity.Ports;

namespace Shop.Infrastructure.IntegrationTests.Redis.Cluster;

/// <summary>RedisSessionStore on a 3-master cluster.</summary>
[Collection(SharedRedisCluster.Name)]
public sealed class ClusterSessionStoreTests
{
    private readonly RedisClusterFixture _fixture;

    public ClusterSessionStoreTests(RedisClusterFixture fixture) => _fixture = fixture;

    private ISessionStore Store => _fixture.Services.GetRequiredService<ISessionStore>();

    [Fact]
    public async Task Sessions_are_created_found_and_revoked_whichever_master_holds_them()
    {
        var userId = Guid.NewGuid();
        var tickets = new List<SessionTicket>();
        var owners = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 30 && owners.Count < 2; i++)
        {
            var ticket = await Store.CreateAsync(userId, "cluster@example.test", false, CancellationToken.None);
            tickets.Add(ticket);
            owners.Add((await _fixture.OwnerAsync(KeyFor(ticket.Token))).ToString()!);
        }

        Assert.True(owners.Count >= 2, "every session landed on one master");
        foreach (var ticket in tickets)
        {
            var found = await Store.FindAsync(ticket.Token, CancellationToken.None);
            Assert.NotNull(found);
            Assert.Equal(userId, found.UserId);
            Assert.Equal(ticket.ExpiresAt, found.ExpiresAt);
            var ttl = await _fixture.Database.KeyTimeToLiveAsync(KeyFor(ticket.Token));
            Assert.NotNull(ttl);
            Assert.True(ttl.Value.TotalSeconds is > 86_000 and <= 86_400, $"TTL is {ttl.Value.TotalSeconds} s");
        }

        foreach (var ticket in tickets)
        {
            Assert.True(await Store.DeleteAsync(ticket.Token, CancellationToken.None));
            Assert.Null(await Store.FindAsync(ticket.Token, CancellationToken.None));
            Assert.False(await _fixture.Database.KeyExistsAsync(KeyFor(ticket.Token)));
            Assert.False(await Store.DeleteAsync(ticket.Token, CancellationToken.None));
        }
    }

    private static string KeyFor(string token) =>
        "session:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
