using System.Net.Http.Json;
using System.Runtime.Versioning;

namespace Shop.WebApi.FunctionalTests.Events;

/// <summary>
/// A change whose COMMIT fails, after its outbox rows were written in its transaction, leaves no outbox row and no
/// delivery, and nothing ever reaches a receiver: the events of the next change that commits are all it gets.
/// </summary>
[Collection(HostProcessesGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class RolledBackChangeTests : HostProcessesTest
{
    private const string Refused = "Refused at commit";

    public RolledBackChangeTests(HostProcessesFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public async Task A_product_whose_commit_fails_leaves_no_outbox_row_and_reaches_no_receiver()
    {
        var (receiver, subscription) = await SubscribeReceiverAsync();
        // A deferred constraint trigger runs at COMMIT, after the handler's rows and the outbox's were written.
        await ExecuteAsync($$"""
            CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.name LIKE '{{Refused}}%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
                RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON products DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();
            """);
        var host = await StartHostAsync();
        var admin = await AdminClientAsync(host);

        using (var refused = await admin.PostAsJsonAsync("/api/products", new { name = $"{Refused} {Guid.NewGuid():N}", price = 1m, stock = 1 }))
        {
            Assert.True((int)refused.StatusCode >= 500, $"The refused COMMIT answered {(int)refused.StatusCode}");
        }

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM products"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM webhook_deliveries"));

        // The next change commits; once its event is delivered, the relay has had every chance to send another.
        var product = await CreateProductAsync(admin);
        await WaitUntilAllDeliveredAsync(subscription, 1);
        await AssertEveryEventArrivedAsync(receiver, [product]);
        Assert.Single(receiver.Received);
    }
}
