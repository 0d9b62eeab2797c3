using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Shop.Application.Telemetry;
using Shop.WebApi.FunctionalTests.Support;
using StackExchange.Redis;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// The relay delivers committed events to a real receiver over HTTP as Standard Webhooks, retries on its schedule and
/// gives up into 'failed'. The host polls only once a minute: a prompt delivery is a wake-up's.
/// </summary>
public sealed class WebhookDeliveryTests : IClassFixture<WebhookShopApiFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly WebhookShopApiFactory _factory;
    private readonly List<Guid> _subscriptions = [];
    private WebhookReceiver _receiver = null!;

    public WebhookDeliveryTests(WebhookShopApiFactory factory) => _factory = factory;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await Support.Webhooks.UnsubscribeAsync(_factory, subscription);
        }

        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_committed_change_is_delivered_once_at_once_signed_with_the_subscriptions_secret_and_shaped_as_the_spec_says()
    {
        var subscription = await SubscribeAsync("/created", "product.created");
        var clock = Stopwatch.StartNew();

        var created = await _factory.CreateProductAsync(description: "Delivered");
        var productId = created.GetProperty("id").GetGuid();
        await _receiver.WaitForAsync(received => received.Any(r => r.Path == "/created"), Patience, "the product.created delivery");
        var elapsed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));

        // The poll interval is a minute: only the commit's wake-up delivers within seconds.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"Delivered after {elapsed}.");
        var delivery = Assert.Single(_receiver.On("/created"));
        var message = Assert.Single(await Support.Webhooks.QueryAsync(
            _factory, "SELECT id, occurred_at FROM outbox_messages WHERE resource_id = $1 AND type = 'product.created'",
            reader => (Id: reader.GetGuid(0), OccurredAt: DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)), productId));
        Assert.Equal("POST", delivery.Method);
        Assert.Equal("application/json", delivery.Headers["content-type"]);
        Assert.Equal("msg_" + message.Id.ToString("N"), delivery.WebhookId);
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(delivery.Headers["webhook-timestamp"], CultureInfo.InvariantCulture));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        // A Standard Webhooks library verifies the signature with the secret; another secret does not.
        new StandardWebhook(subscription.Secret).Verify(delivery.Body, Headers(delivery));
        var otherSecret = "whsec_" + Convert.ToBase64String(new byte[32]);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(otherSecret).Verify(delivery.Body, Headers(delivery)));

        var body = delivery.Json;
        Assert.Equal(["type", "timestamp", "data"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("product.created", body.GetProperty("type").GetString());
        Assert.EndsWith("Z", body.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.Equal(message.OccurredAt, body.GetProperty("timestamp").GetDateTime().ToUniversalTime());
        var shown = await _factory.GetProductAsync(productId);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(body.GetProperty("data").GetRawText()), JsonNode.Parse(shown.GetRawText())),
            $"data {body.GetProperty("data")} is not the GET response {shown}");
    }

    [Fact]
    public async Task A_receiver_answering_500_twice_then_200_gets_the_event_three_times_with_one_webhook_id()
    {
        var subscription = await SubscribeAsync("/flaky", "product.created");
        _receiver.Answer = (_, earlier) => earlier < 2 ? 500 : 200;
        using var metrics = new WebhookMetrics();

        await _factory.CreateProductAsync();

        var rows = await Support.Webhooks.WaitForDeliveriesAsync(
            _factory, subscription.Id, rows => rows.Any(row => row.State == "delivered"), Patience, "the delivery to succeed");
        var attempts = _receiver.On("/flaky");
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(attempt => attempt.WebhookId).Distinct());
        Assert.All(attempts, attempt => new StandardWebhook(subscription.Secret).Verify(attempt.Body, Headers(attempt)));
        var row = Assert.Single(rows);
        Assert.Equal(("delivered", 3, (int?)200), (row.State, row.Attempts, row.LastStatusCode));
        Assert.True(metrics.Count(ShopTelemetry.WebhookRetried) >= 2, "two attempts counted as retried");
        Assert.True(metrics.Count(ShopTelemetry.WebhookDelivered) >= 1, "one attempt counted as delivered");
        Assert.Contains(3, metrics.AttemptsRecorded);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_leaves_the_delivery_failed_once_the_schedule_is_exhausted()
    {
        var subscription = await SubscribeAsync("/down", "product.created");
        _receiver.Answer = (_, _) => 503;

        await _factory.CreateProductAsync();

        var rows = await Support.Webhooks.WaitForDeliveriesAsync(
            _factory, subscription.Id, rows => rows.Any(row => row.State != "pending"), Patience, "the delivery to fail");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var row = Assert.Single(rows);
        Assert.Equal(("failed", WebhookShopApiFactory.Retries + 1, (int?)503), (row.State, row.Attempts, row.LastStatusCode));
        Assert.Equal(WebhookShopApiFactory.Retries + 1, _receiver.On("/down").Count);
    }

    [Fact]
    public async Task A_slow_receiver_does_not_hold_back_deliveries_to_others()
    {
        await SubscribeAsync("/slow", "product.created");
        await SubscribeAsync("/fast", "product.created");
        _receiver.Delay = request => request.Path == "/slow" ? TimeSpan.FromSeconds(4) : TimeSpan.Zero;
        await _factory.CreateProductAsync();
        await _receiver.WaitForAsync(all => all.Any(r => r.Path == "/slow") && all.Any(r => r.Path == "/fast"), Patience, "the first product's deliveries");
        var clock = Stopwatch.StartNew();

        var second = (await _factory.CreateProductAsync()).GetProperty("id").GetGuid();

        await _receiver.WaitForAsync(all => all.Any(r => r.Path == "/fast" && r.ResourceId == second), Patience, "the second product at the fast receiver");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"Delivered after {clock.Elapsed}, while the slow receiver still held the first.");
    }

    [Fact]
    public async Task A_redirect_is_not_followed_but_counted_as_a_failed_attempt()
    {
        var subscription = await SubscribeAsync("/moved", "product.created");
        _receiver.Answer = (request, _) => request.Path == "/moved" ? 302 : 200;

        await _factory.CreateProductAsync();

        var rows = await Support.Webhooks.WaitForDeliveriesAsync(
            _factory, subscription.Id, rows => rows.Any(row => row.Attempts > 0), Patience, "the first attempt");
        Assert.Equal(302, Assert.Single(rows).LastStatusCode);
        Assert.NotEqual("delivered", rows[0].State);
        Assert.Empty(_receiver.On(WebhookReceiver.RedirectTarget));
    }

    [Fact]
    public async Task A_lease_held_by_a_relay_that_died_blocks_the_delivery_until_it_runs_out_then_it_is_sent()
    {
        var subscription = await SubscribeAsync("/leased", "product.deleted");
        var resourceId = Guid.NewGuid();
        var messageId = Guid.CreateVersion7();
        await Support.Webhooks.ExecuteAsync(
            _factory,
            """
            WITH message AS (
                INSERT INTO outbox_messages (id, type, resource_id, data, occurred_at)
                VALUES ($1, 'product.deleted', $2, jsonb_build_object('id', $2), now())
                RETURNING id, resource_id, position)
            INSERT INTO webhook_deliveries (message_id, subscription_id, resource_id, position, next_attempt_at, leased_until, lease_token)
            SELECT id, $3, resource_id, position, now(), now() + interval '3 seconds', gen_random_uuid() FROM message
            """,
            messageId, resourceId, subscription.Id);
        var clock = Stopwatch.StartNew();

        // As a commit on another instance would: every relay looks now, and finds the delivery leased.
        await _factory.Redis.PublishAsync(RedisChannel.Literal("shop:outbox:committed"), RedisValue.EmptyString);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(_receiver.On("/leased"));

        var received = await _receiver.WaitForAsync(all => all.Any(r => r.Path == "/leased"), Patience, "the delivery after the lease ran out");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"Sent after {clock.Elapsed}, before the lease ran out.");
        Assert.Equal("msg_" + messageId.ToString("N"), Assert.Single(received, r => r.Path == "/leased").WebhookId);
        var row = Assert.Single(await Support.Webhooks.WaitForDeliveriesAsync(
            _factory, subscription.Id, rows => rows.All(row => row.State == "delivered"), Patience, "the delivery recorded"));
        Assert.Equal(1, row.Attempts);
    }

    private async Task<Shop.Domain.Webhooks.WebhookSubscription> SubscribeAsync(string path, params string[] events)
    {
        var subscription = await Support.Webhooks.SubscribeAsync(_factory, _receiver.Url(path), events);
        _subscriptions.Add(subscription.Id);
        return subscription;
    }

    private static HeaderDictionary Headers(ReceivedWebhook request) =>
        new(request.Headers.ToDictionary(header => header.Key, header => new StringValues(header.Value), StringComparer.OrdinalIgnoreCase));

    /// <summary>The relay's instruments as an exporter would see them (other test classes' relays count too).</summary>
    private sealed class WebhookMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _outcomes = [];
        private readonly System.Collections.Concurrent.ConcurrentBag<int> _attempts = [];

        public WebhookMetrics()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ShopTelemetry.SourceName && instrument.Name is "shop.webhook.deliveries" or "shop.webhook.attempts")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == ShopTelemetry.WebhookOutcomeTag)
                    {
                        _outcomes.Add((string)tag.Value!);
                    }
                }
            });
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _attempts.Add(value));
            _listener.Start();
        }

        public IReadOnlyCollection<int> AttemptsRecorded => [.. _attempts];

        public int Count(string outcome) => _outcomes.Count(recorded => recorded == outcome);

        public void Dispose() => _listener.Dispose();
    }
}
