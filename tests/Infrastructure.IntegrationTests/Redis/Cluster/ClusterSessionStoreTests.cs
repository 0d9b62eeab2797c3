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
        // A user each: more than the cap per user of one would end the oldest.
        var tickets = new List<(Guid UserId, SessionTicket Ticket)>();
        var owners = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 30 && owners.Count < 2; i++)
        {
            var userId = Guid.NewGuid();
            var ticket = await Store.CreateAsync(userId, "cluster@example.test", false, CancellationToken.None);
            tickets.Add((userId, ticket));
            owners.Add((await _fixture.OwnerAsync(KeyFor(ticket.Token))).ToString()!);
        }

        Assert.True(owners.Count >= 2, "every session landed on one master");
        foreach (var (userId, ticket) in tickets)
        {
            var found = await Store.FindAsync(ticket.Token, CancellationToken.None);
            Assert.NotNull(found);
            Assert.Equal(userId, found.UserId);
            Assert.Equal(ticket.ExpiresAt, found.ExpiresAt);
            var ttl = await _fixture.Database.KeyTimeToLiveAsync(KeyFor(ticket.Token));
            Assert.NotNull(ttl);
            Assert.True(ttl.Value.TotalSeconds is > 86_000 and <= 86_400, $"TTL is {ttl.Value.TotalSeconds} s");
        }

        foreach (var (_, ticket) in tickets)
        {
            Assert.True(await Store.DeleteAsync(ticket.Token, CancellationToken.None));
            Assert.Null(await Store.FindAsync(ticket.Token, CancellationToken.None));
            Assert.False(await _fixture.Database.KeyExistsAsync(KeyFor(ticket.Token)));
            Assert.False(await Store.DeleteAsync(ticket.Token, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_cap_and_ending_all_sessions_reach_sessions_on_every_master()
    {
        var userId = Guid.NewGuid();
        var tickets = new List<SessionTicket>();
        for (var i = 0; i < 12; i++)
        {
            tickets.Add(await Store.CreateAsync(userId, "cluster@example.test", false, CancellationToken.None));
        }

        var owners = await Task.WhenAll(tickets.Select(async ticket => (await _fixture.OwnerAsync(KeyFor(ticket.Token))).ToString()));
        Assert.True(owners.Distinct().Count() >= 2, "every session landed on one master");
        Assert.Null(await Store.FindAsync(tickets[0].Token, CancellationToken.None));
        Assert.Null(await Store.FindAsync(tickets[1].Token, CancellationToken.None));
        Assert.Equal(10, await _fixture.Database.SortedSetLengthAsync($"user-sessions:{userId}"));

        await Store.EndAllAsync(userId, tickets[^1].Token, CancellationToken.None);

        foreach (var ticket in tickets[..^1])
        {
            Assert.Null(await Store.FindAsync(ticket.Token, CancellationToken.None));
        }

        Assert.NotNull(await Store.FindAsync(tickets[^1].Token, CancellationToken.None));
        Assert.Equal(1, await _fixture.Database.SortedSetLengthAsync($"user-sessions:{userId}"));
    }

    private static string KeyFor(string token) =>
        "session:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
