using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Identity.Ports;
using Shop.Infrastructure.IntegrationTests.Support;
using StackExchange.Redis;

namespace Shop.Infrastructure.IntegrationTests.Redis;

/// <summary>RedisSessionStore against the real Redis: keys, TTL, JSON value and the token's shape.</summary>
public sealed class RedisSessionStoreTests : IClassFixture<EmptyDatabaseFixture>
{
    private readonly EmptyDatabaseFixture _fixture;

    public RedisSessionStoreTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    private ISessionStore Store => _fixture.Services.GetRequiredService<ISessionStore>();

    [Fact]
    public async Task Create_stores_the_session_under_the_hash_of_a_32_byte_base64url_token_for_24_hours()
    {
        var userId = Guid.NewGuid();
        var before = DateTime.UtcNow;

        var ticket = await Store.CreateAsync(userId, "alice@example.test", false, CancellationToken.None);

        Assert.Equal(43, ticket.Token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", ticket.Token);
        Assert.Equal(32, Base64Url.DecodeFromChars(ticket.Token).Length);
        Assert.InRange(ticket.ExpiresAt, before.AddHours(24), DateTime.UtcNow.AddHours(24));

        var key = "session:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket.Token)));
        Assert.Matches("^session:[0-9a-f]{64}$", key);
        Assert.True(await _fixture.RedisDatabase.KeyExistsAsync(key));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.True(ttl.Value.TotalSeconds is > 86_000 and <= 86_400, $"TTL is {ttl.Value.TotalSeconds} s");

        // No key of the database holds the token itself.
        var keys = await SessionKeysAsync();
        Assert.Contains(key, keys);
        Assert.All(keys, stored =>
        {
            Assert.Matches("^session:[0-9a-f]{64}$", stored);
            Assert.DoesNotContain(ticket.Token, stored, StringComparison.Ordinal);
        });

        var json = (string?)await _fixture.RedisDatabase.StringGetAsync(key);
        Assert.NotNull(json);
        Assert.DoesNotContain(ticket.Token, json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(userId, document.RootElement.GetProperty("userId").GetGuid());
        Assert.Equal("alice@example.test", document.RootElement.GetProperty("email").GetString());
        Assert.Equal(ticket.ExpiresAt, document.RootElement.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task Find_returns_the_session_and_Delete_removes_it()
    {
        var userId = Guid.NewGuid();
        var ticket = await Store.CreateAsync(userId, "bob@example.test", false, CancellationToken.None);

        var found = await Store.FindAsync(ticket.Token, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(userId, found.UserId);
        Assert.Equal("bob@example.test", found.Email);
        Assert.Equal(ticket.ExpiresAt, found.ExpiresAt);
        Assert.Equal(TimeSpan.FromHours(24), found.ExpiresAt - found.CreatedAt);

        Assert.True(await Store.DeleteAsync(ticket.Token, CancellationToken.None));

        Assert.False(await _fixture.RedisDatabase.KeyExistsAsync(
            "session:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket.Token)))));
        Assert.Null(await Store.FindAsync(ticket.Token, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(ticket.Token, CancellationToken.None));
    }

    [Fact]
    public async Task An_administrators_session_keeps_the_role_and_a_session_stored_without_it_is_not_an_administrators()
    {
        var admin = await Store.CreateAsync(Guid.NewGuid(), "dora@example.test", true, CancellationToken.None);
        var customer = await Store.CreateAsync(Guid.NewGuid(), "erin@example.test", false, CancellationToken.None);
        // A session written before the field existed.
        var oldKey = "session:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string('B', 43))));
        await _fixture.RedisDatabase.StringSetAsync(
            oldKey,
            $$"""{"userId":"{{Guid.NewGuid()}}","email":"fred@example.test","createdAt":"2026-12-04T10:00:00Z","expiresAt":"2099-12-05T10:00:00Z"}""",
            TimeSpan.FromMinutes(5));

        var adminJson = (string?)await _fixture.RedisDatabase.StringGetAsync(
            "session:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(admin.Token))));
        using var document = JsonDocument.Parse(adminJson!);
        Assert.True(document.RootElement.GetProperty("isAdministrator").GetBoolean());
        Assert.True((await Store.FindAsync(admin.Token, CancellationToken.None))!.IsAdministrator);
        Assert.False((await Store.FindAsync(customer.Token, CancellationToken.None))!.IsAdministrator);
        var old = await Store.FindAsync(new string('B', 43), CancellationToken.None);
        Assert.NotNull(old);
        Assert.False(old.IsAdministrator);
    }

    [Fact]
    public async Task Every_session_gets_its_own_token_and_key()
    {
        var userId = Guid.NewGuid();
        var first = await Store.CreateAsync(userId, "carol@example.test", false, CancellationToken.None);
        var second = await Store.CreateAsync(userId, "carol@example.test", false, CancellationToken.None);

        Assert.NotEqual(first.Token, second.Token);
        Assert.True(await Store.DeleteAsync(first.Token, CancellationToken.None));
        Assert.NotNull(await Store.FindAsync(second.Token, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-session-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_or_malformed_tokens_find_nothing_and_delete_nothing(string token)
    {
        Assert.Null(await Store.FindAsync(token, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task An_overlong_token_is_not_looked_up()
    {
        var token = new string('a', 129);
        Assert.Null(await Store.FindAsync(token, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Each_session_is_indexed_under_its_user_by_creation_time_for_24_hours_and_logging_out_unindexes_it()
    {
        var userId = Guid.NewGuid();
        var first = await Store.CreateAsync(userId, "alice@example.test", false, CancellationToken.None);
        var second = await Store.CreateAsync(userId, "alice@example.test", false, CancellationToken.None);
        var index = $"user-sessions:{userId}";

        var entries = await _fixture.RedisDatabase.SortedSetRangeByRankWithScoresAsync(index);

        Assert.Equal([Hash(first.Token), Hash(second.Token)], entries.Select(entry => entry.Element.ToString()));
        Assert.InRange(entries[0].Score, Microseconds(DateTime.UtcNow.AddMinutes(-1)), Microseconds(DateTime.UtcNow));
        var ttl = await _fixture.RedisDatabase.KeyTimeToLiveAsync(index);
        Assert.True(ttl!.Value.TotalSeconds is > 86_000 and <= 86_400, $"TTL is {ttl.Value.TotalSeconds} s");

        Assert.True(await Store.DeleteAsync(first.Token, CancellationToken.None));
        Assert.Equal([Hash(second.Token)], (await _fixture.RedisDatabase.SortedSetRangeByRankAsync(index)).Select(hash => hash.ToString()));
    }

    [Fact]
    public async Task A_session_over_the_cap_of_10_ends_the_oldest_and_entries_of_expired_sessions_go()
    {
        var userId = Guid.NewGuid();
        var index = $"user-sessions:{userId}";
        await _fixture.RedisDatabase.SortedSetAddAsync(index, "expired", Microseconds(DateTime.UtcNow.AddHours(-25)));
        var tickets = new List<SessionTicket>();
        for (var i = 0; i < 11; i++)
        {
            tickets.Add(await Store.CreateAsync(userId, "alice@example.test", false, CancellationToken.None));
        }

        Assert.Null(await Store.FindAsync(tickets[0].Token, CancellationToken.None));
        foreach (var ticket in tickets[1..])
        {
            Assert.NotNull(await Store.FindAsync(ticket.Token, CancellationToken.None));
        }

        Assert.Equal(tickets[1..].Select(ticket => Hash(ticket.Token)), (await _fixture.RedisDatabase.SortedSetRangeByRankAsync(index)).Select(hash => hash.ToString()));
    }

    [Fact]
    public async Task Ending_all_sessions_ends_the_users_but_the_one_kept_and_no_other_users()
    {
        var (userId, otherId) = (Guid.NewGuid(), Guid.NewGuid());
        var kept = await Store.CreateAsync(userId, "alice@example.test", false, CancellationToken.None);
        var ended = await Store.CreateAsync(userId, "alice@example.test", false, CancellationToken.None);
        var others = await Store.CreateAsync(otherId, "bob@example.test", false, CancellationToken.None);

        await Store.EndAllAsync(userId, kept.Token, CancellationToken.None);

        Assert.NotNull(await Store.FindAsync(kept.Token, CancellationToken.None));
        Assert.Null(await Store.FindAsync(ended.Token, CancellationToken.None));
        Assert.NotNull(await Store.FindAsync(others.Token, CancellationToken.None));

        await Store.EndAllAsync(userId, exceptToken: null, CancellationToken.None);

        Assert.Null(await Store.FindAsync(kept.Token, CancellationToken.None));
        Assert.False(await _fixture.RedisDatabase.KeyExistsAsync($"user-sessions:{userId}"));
    }

    private static double Microseconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / 10;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<List<string>> SessionKeysAsync()
    {
        var server = _fixture.Redis.GetServers()[0];
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(_fixture.RedisDatabaseIndex, "session:*"))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }
}
