using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Npgsql;
using Shop.Application.Webhooks;
using Shop.TestSupport;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Events;

/// <summary>
/// One test's world: a fresh database (a copy of the fixture's template), the hosts it starts as processes, the
/// receivers it subscribes, and the admin's clients; all of them stopped and dropped when the test ends, failed or not.
/// </summary>
[UnsupportedOSPlatform("windows")]
public abstract class HostProcessesTest : IAsyncLifetime
{
    /// <summary>How long the events of a test may take to reach their receivers once nothing stops them.</summary>
    protected static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(30);

    private readonly List<HostProcess> _hosts = [];
    private readonly List<ScriptedReceiver> _receivers = [];
    private readonly List<HttpClient> _clients = [];
    private string? _database;

    protected HostProcessesTest(HostProcessesFixture fixture) => Fixture = fixture;

    protected HostProcessesFixture Fixture { get; }

    protected string Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _database = await Fixture.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var receiver in _receivers)
        {
            await receiver.DisposeAsync();
        }

        if (_database is not null)
        {
            await Fixture.DropDatabaseAsync(_database);
        }
    }

    /// <summary>Starts the built host on this test's database, with the fixture's settings and <paramref name="overrides"/>.</summary>
    protected async Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var host = await HostProcess.StartAsync(HostProcessesFixture.HostDll, Fixture.HostEnvironment(Database, overrides));
        _hosts.Add(host);
        return host;
    }

    /// <summary>A new receiver, subscribed to every event type (a row as POST /api/webhooks writes it).</summary>
    protected async Task<(ScriptedReceiver Receiver, Guid SubscriptionId)> SubscribeReceiverAsync()
    {
        var receiver = await ScriptedReceiver.StartAsync();
        _receivers.Add(receiver);
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            "INSERT INTO webhook_subscriptions (id, url, events, secret, created_at) VALUES (@id, @url, ARRAY['*'], @secret, now())",
            ("id", id), ("url", receiver.Url.AbsoluteUri), ("secret", receiver.Secret));
        return (receiver, id);
    }

    /// <summary>A client of <paramref name="host"/> logged in as the fixture's administrator.</summary>
    protected async Task<HttpClient> AdminClientAsync(HostProcess host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        using var login = await client.PostAsJsonAsync(
            "/api/sessions", new { email = HostProcessesFixture.AdminEmail, password = HostProcessesFixture.AdminPassword });
        Assert.True(login.StatusCode == HttpStatusCode.Created, $"Login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var token = (await login.ReadJsonAsync()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates <paramref name="count"/> products (one committed `product.created` event each), one after another.</summary>
    protected static async Task<List<Guid>> CreateProductsAsync(HttpClient admin, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await CreateProductAsync(admin));
        }

        return ids;
    }

    protected static async Task<Guid> CreateProductAsync(HttpClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        using var created = await admin.PostAsJsonAsync(
            "/api/products", new { name = $"Event {Guid.NewGuid():N}", description = "made by an events test", price = 3.5m, stock = 10 });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Create product: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Waits until every delivery to the subscription is recorded as delivered; fails after <see cref="DeliveryDeadline"/>.</summary>
    protected async Task WaitUntilAllDeliveredAsync(Guid subscriptionId, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var states = await DeliveryStatesAsync(subscriptionId);
            if (states.Count == expected && states.All(s => s.State == "delivered"))
            {
                return;
            }

            if (clock.Elapsed > DeliveryDeadline)
            {
                Assert.Fail($"The {expected} deliveries to {subscriptionId} were not all delivered within {DeliveryDeadline.TotalSeconds:0} s.\n"
                    + await DiagnosticsAsync());
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The subscription's deliveries as the relay recorded them.</summary>
    protected async Task<List<DeliveryState>> DeliveryStatesAsync(Guid subscriptionId)
    {
        var rows = new List<DeliveryState>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT message_id, state, attempts, leased_until FROM webhook_deliveries WHERE subscription_id = @subscription ORDER BY id", connection);
        command.Parameters.AddWithValue("subscription", subscriptionId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new DeliveryState(
                WebhookIds.Of(reader.GetGuid(0)), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetDateTime(3)));
        }

        return rows;
    }

    /// <summary>
    /// The receiver got exactly the events in the outbox, one for each of <paramref name="products"/>, each correctly
    /// signed; an event that came more than once came with the same webhook-id and the same body every time.
    /// </summary>
    protected async Task AssertEveryEventArrivedAsync(ScriptedReceiver receiver, IReadOnlyCollection<Guid> products)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var received = receiver.Received;
        Assert.All(received, r => Assert.True(r.SignatureValid, $"Bad signature on {r.Id} at {r.Timestamp}"));
        Assert.All(received, r => Assert.Equal("application/json", MediaTypeHeaderValue.Parse(r.ContentType!).MediaType));
        foreach (var copies in received.GroupBy(r => r.Id))
        {
            Assert.Single(copies.Select(r => r.Body).Distinct(StringComparer.Ordinal));
        }

        var outbox = await OutboxWebhookIdsAsync();
        Assert.Equal(products.Count, outbox.Count);
        Assert.Equal(outbox.Order(StringComparer.Ordinal), received.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        var resources = received.DistinctBy(r => r.Id).Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            Assert.Equal("product.created", body.RootElement.GetProperty("type").GetString());
            return body.RootElement.GetProperty("data").GetProperty("id").GetGuid();
        });
        Assert.Equal(products.Order(), resources.Order());
    }

    /// <summary>What the deliveries and the hosts look like, for a failure's message.</summary>
    protected async Task<string> DiagnosticsAsync()
    {
        var lines = new List<string>();
        try
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT subscription_id, state, attempts, last_status_code, count(*), min(next_attempt_at), max(leased_until)
                FROM webhook_deliveries GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                """,
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            lines.Add("Deliveries (subscription, state, attempts, last status, count, first due, last lease):");
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                lines.Add("  " + string.Join(", ", values));
            }
        }
        catch (NpgsqlException e)
        {
            lines.Add("Deliveries unreadable: " + e.Message);
        }

        foreach (var (host, i) in _hosts.Select((h, i) => (h, i)))
        {
            var log = host.Log.Split('\n');
            lines.Add($"Host {i} ({(host.IsRunning ? "running" : "not running")}), last lines of its log:");
            lines.AddRange(log.TakeLast(40).Select(line => "  " + line));
        }

        return string.Join('\n', lines);
    }

    private async Task<HashSet<string>> OutboxWebhookIdsAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM outbox_messages", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(WebhookIds.Of(reader.GetGuid(0)));
        }

        return ids;
    }

    /// <summary>The single number <paramref name="sql"/> answers on the test's database.</summary>
    protected async Task<long> CountAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="sql"/> on the test's database with a connection of the test's own.</summary>
    protected async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An unpooled connection of the test's own: a pooled one would be broken by a server restart.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A delivery row: its message's webhook-id, state, attempts and lease (UTC).</summary>
public sealed record DeliveryState(string WebhookId, string State, int Attempts, DateTime? LeasedUntil);
