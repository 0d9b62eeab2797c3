using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// With Shop:Outbox:RelayEnabled=false the API delivers nothing; the `relay` verb, the built Shop.WebApi.dll in a
/// process of its own as an operator runs it, delivers what the API committed, and stops on SIGTERM with exit code 0.
/// </summary>
public sealed class RelayVerbTests : IClassFixture<RelayVerbTests.NoRelayFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly NoRelayFactory _factory;

    public RelayVerbTests(NoRelayFactory factory) => _factory = factory;

    [Fact]
    public async Task Events_committed_by_an_API_without_a_relay_wait_until_the_relay_verb_delivers_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await Support.Webhooks.SubscribeAsync(_factory, receiver.Url("/verb"), "product.created");
        await _factory.CreateProductAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(receiver.Received);
        var waiting = Assert.Single(await Support.Webhooks.DeliveriesAsync(_factory, subscription.Id));
        Assert.Equal(("pending", 0), (waiting.State, waiting.Attempts));

        var servers = await TestServers.GetAsync();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        using var relay = ChildProcess.Start(
            dotnet,
            [Path.Combine(AppContext.BaseDirectory, "Shop.WebApi.dll"), "relay"],
            AppContext.BaseDirectory,
            new Dictionary<string, string?>
            {
                ["ConnectionStrings__Postgres"] = _factory.DatabaseConnectionString,
                ["ConnectionStrings__PostgresRead"] = null,
                ["ConnectionStrings__Redis"] = servers.RedisConnectionStringFor(_factory.RedisDatabaseIndex),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // The verb relays whatever the instances' setting says.
                ["Shop__Outbox__RelayEnabled"] = "false",
                ["Shop__Webhooks__AllowPrivateNetworks"] = "true",
            });

        await receiver.WaitForAsync(all => all.Count > 0, Patience, "the relay verb's delivery; its log: " + relay.Log);
        await Support.Webhooks.WaitForDeliveriesAsync(
            _factory, subscription.Id, rows => rows.All(row => row.State == "delivered"), Patience, "the delivery recorded");
        await ChildProcess.SignalAsync(relay.Id, "TERM");
        relay.Stop(TimeSpan.FromSeconds(30));
        await relay.WaitForOutputAsync(TimeSpan.FromSeconds(5));

        Assert.True(relay.HasExited && relay.ExitCode == 0, relay.Log);
        Assert.Contains("Relay stopped.", relay.Log, StringComparison.Ordinal);
        Assert.Single(receiver.Received);
    }

    /// <summary>A host with the relay turned off, by the setting an operator would use.</summary>
    public sealed class NoRelayFactory : WebhookShopApiFactory
    {
        public NoRelayFactory() : base(null, RelaySettings(Retries, relayEnabled: false))
        {
        }
    }
}
