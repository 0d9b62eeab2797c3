using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

public partial class WebhookEndpointsTests : IClassFixture<PrivateNetworkWebhooksFactory>
{
    private readonly PrivateNetworkWebhooksFactory _factory;

    public WebhookEndpointsTests(PrivateNetworkWebhooksFactory factory) => _factory = factory;

    public static TheoryData<string, string> InvalidSubscriptions => new()
    {
        { """{"url":"/hooks","events":["order.paid"]}""", "url" },
        { """{"url":"hooks.example.com/x","events":["order.paid"]}""", "url" },
        { """{"url":"ftp://hooks.example.com/x","events":["order.paid"]}""", "url" },
        { """{"url":"file:///etc/passwd","events":["order.paid"]}""", "url" },
        { """{"url":"http://user:secret@127.0.0.1/x","events":["order.paid"]}""", "url" },
        { """{"url":"http://user@127.0.0.1/x","events":["order.paid"]}""", "url" },
        { $$"""{"url":"http://127.0.0.1/{{new string('x', 1_984)}}","events":["order.paid"]}""", "url" },
        { """{"url":"","events":["order.paid"]}""", "url" },
        { """{"url":123,"events":["order.paid"]}""", "url" },
        { """{"url":"http://[::1/x","events":["order.paid"]}""", "url" },
        { """{"url":"http://127.0.0.1:99999/x","events":["order.paid"]}""", "url" },
        { """{"url":"http://exa mple.com/x","events":["order.paid"]}""", "url" },
        { """{"url":"http:///x","events":["order.paid"]}""", "url" },
        { """{"url":null,"events":["order.paid"]}""", "url" },
        { """{"events":["order.paid"]}""", "url" },
        { """{"url":"http://127.0.0.1/x","events":[]}""", "events" },
        { """{"url":"http://127.0.0.1/x","events":null}""", "events" },
        { """{"url":"http://127.0.0.1/x"}""", "events" },
        { """{"url":"http://127.0.0.1/x","events":"order.paid"}""", "events" },
        { """{"url":"http://127.0.0.1/x","events":["order.paid","order.shipped"]}""", "events[1]" },
        { """{"url":"http://127.0.0.1/x","events":["Order.Paid"]}""", "events[0]" },
        { """{"url":"http://127.0.0.1/x","events":["order.paid",null]}""", "events[1]" },
        { """{"url":"http://127.0.0.1/x","events":["**"]}""", "events[0]" },
        { """{"url":"http://127.0.0.1/x","events":["order.paid\u0000"]}""", "events[0]" },
        { """{"url":"http://127.0.0.1/x","events":[1]}""", "events[0]" },
        { $$"""{"url":"http://127.0.0.1/x","events":[{{string.Join(',', Enumerable.Repeat("\"order.paid\"", 21))}}]}""", "events" },
    };

    [Fact]
    public async Task Create_answers_201_with_the_secret_its_location_and_no_store()
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostAsJsonAsync(
            "/api/webhooks", new { url = "http://127.0.0.1:9/hooks?source=shop", events = new[] { "order.paid", "product.stock_changed" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = await response.ReadJsonAsync();
        Api.AssertMembers(webhook, "id", "url", "events", "createdAt", "secret");
        Assert.Equal($"/api/webhooks/{webhook.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("http://127.0.0.1:9/hooks?source=shop", webhook.Str("url"));
        Assert.Equal(["order.paid", "product.stock_changed"], webhook.GetProperty("events").EnumerateArray().Select(name => name.GetString()));
        Api.AssertUtcTimestamp(webhook.GetProperty("createdAt"));
        var secret = SecretFormat().Match(webhook.Str("secret"));
        Assert.True(secret.Success, webhook.Str("secret"));
        Assert.Equal(32, Convert.FromBase64String(secret.Groups["key"].Value).Length);
    }

    [Fact]
    public async Task Every_subscription_gets_its_own_secret_and_no_list_shows_one()
    {
        var admin = await _factory.AdminAsync();
        var first = await CreateAsync(admin, "http://127.0.0.1:9/first", "*");
        var second = await CreateAsync(admin, "http://127.0.0.1:9/second", "order.placed");

        using var response = await admin.Client.GetAsync(new Uri("/api/webhooks?pageSize=100", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var raw = await response.Content.ReadAsStringAsync();
        Assert.NotEqual(first.Str("secret"), second.Str("secret"));
        Assert.DoesNotContain(first.Str("secret"), raw, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Str("secret"), raw, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", raw, StringComparison.Ordinal);
        var items = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, item => Api.AssertMembers(item, "id", "url", "events", "createdAt"));
        var listed = items.Single(item => item.Id() == second.Id());
        Assert.Equal("http://127.0.0.1:9/second", listed.Str("url"));
        Assert.Equal(["order.placed"], listed.GetProperty("events").EnumerateArray().Select(name => name.GetString()));
        // Newest first.
        Assert.True(items.FindIndex(item => item.Id() == second.Id()) < items.FindIndex(item => item.Id() == first.Id()));
    }

    [Fact]
    public async Task A_name_given_twice_is_kept_once()
    {
        var admin = await _factory.AdminAsync();

        var webhook = await CreateAsync(admin, "http://127.0.0.1:9/twice", "order.paid", "order.paid", "*");

        Assert.Equal(["order.paid", "*"], webhook.GetProperty("events").EnumerateArray().Select(name => name.GetString()));
    }

    [Theory]
    [MemberData(nameof(InvalidSubscriptions))]
    public async Task An_invalid_subscription_is_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var admin = await _factory.AdminAsync();
        var before = await CountAsync("SELECT count(*) FROM webhook_subscriptions");

        using var response = await admin.Client.PostRawAsync("/api/webhooks", body);

        var problem = await response.AssertValidationProblemAsync(field);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray());
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM webhook_subscriptions"));
    }

    [Fact]
    public async Task An_unknown_event_name_is_named_by_its_index_and_the_message_lists_the_names()
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostAsJsonAsync(
            "/api/webhooks", new { url = "http://127.0.0.1:9/x", events = new[] { "order.paid", "order.shipped" } });

        var problem = await response.AssertValidationProblemAsync("events[1]");
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("events[1]").EnumerateArray()).GetString();
        Assert.Equal(
            "'events[1]' must be one of order.placed, order.item_added, order.paid, order.cancelled, product.created, "
            + "product.updated, product.stock_changed, product.deleted, *.",
            message);
    }

    [Theory]
    [InlineData("http://127.0.0.1/x")]
    [InlineData("http://localhost/x")]
    [InlineData("http://10.0.0.1/x")]
    [InlineData("http://169.254.169.254/x")]
    [InlineData("http://[::1]/x")]
    [InlineData("http://[fd00::1]/x")]
    public async Task Private_network_urls_are_accepted_when_the_setting_allows_them(string url)
    {
        var admin = await _factory.AdminAsync();

        using var response = await admin.Client.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "*" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_order_placed_after_subscribing_is_a_pending_delivery_to_each_subscription_that_wants_it()
    {
        var admin = await _factory.AdminAsync();
        var wanted = await CreateAsync(admin, "http://127.0.0.1:9/orders", "order.placed");
        var other = await CreateAsync(admin, "http://127.0.0.1:9/products", "product.deleted");
        var product = await _factory.CreateProductAsync();
        var customer = await _factory.NewUserAsync();

        var order = await ShopApiFactory.PlaceOrderAsync(customer, (product.Id(), 1));

        var messageId = await MessageIdAsync(order.Id(), "order.placed");
        var page = await DeliveriesAsync(admin, wanted.Id());
        Assert.Equal(1, page.Int("totalCount"));
        var delivery = Assert.Single(page.GetProperty("items").EnumerateArray());
        Api.AssertMembers(delivery, "webhookId", "type", "state", "attempts", "lastStatusCode", "lastAttemptAt", "nextAttemptAt");
        Assert.Equal("msg_" + messageId.ToString("N"), delivery.Str("webhookId"));
        Assert.Equal("order.placed", delivery.Str("type"));
        Assert.Equal("pending", delivery.Str("state"));
        Assert.Equal(0, delivery.Int("attempts"));
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastStatusCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastAttemptAt").ValueKind);
        Api.AssertUtcTimestamp(delivery.GetProperty("nextAttemptAt"));
        Assert.Equal(0, (await DeliveriesAsync(admin, other.Id())).Int("totalCount"));
    }

    [Fact]
    public async Task Deliveries_are_listed_newest_event_first_and_paged()
    {
        var admin = await _factory.AdminAsync();
        var product = await _factory.CreateProductAsync(price: 5m);
        var webhook = await CreateAsync(admin, "http://127.0.0.1:9/all", "*");
        var customer = await _factory.NewUserAsync();
        var order = await ShopApiFactory.PlaceOrderAsync(customer, (product.Id(), 2));
        using (var paid = await customer.Client.PostAsJsonAsync($"/api/orders/{order.Id()}/payment", new { amount = 10m }))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        var all = await DeliveriesAsync(admin, webhook.Id());
        var types = all.GetProperty("items").EnumerateArray().Select(item => item.Str("type")).ToList();
        Assert.Equal(3, all.Int("totalCount"));
        Assert.Equal(["order.paid", "product.stock_changed"], types.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal("order.placed", types[2]);
        var last = await DeliveriesAsync(admin, webhook.Id(), "?page=3&pageSize=1");
        Assert.Equal(3, last.Int("totalCount"));
        Assert.Equal("order.placed", Assert.Single(last.GetProperty("items").EnumerateArray()).Str("type"));
    }

    [Fact]
    public async Task Delete_answers_204_removes_the_pending_deliveries_and_then_404()
    {
        var admin = await _factory.AdminAsync();
        var webhook = await CreateAsync(admin, "http://127.0.0.1:9/gone", "order.placed");
        var product = await _factory.CreateProductAsync();
        await ShopApiFactory.PlaceOrderAsync(await _factory.NewUserAsync(), (product.Id(), 1));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '{webhook.Id()}'"));

        using var deleted = await admin.Client.DeleteAsync(new Uri($"/api/webhooks/{webhook.Id()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '{webhook.Id()}'"));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM webhook_subscriptions WHERE id = '{webhook.Id()}'"));
        using var again = await admin.Client.DeleteAsync(new Uri($"/api/webhooks/{webhook.Id()}", UriKind.Relative));
        Assert.Equal("/problems/webhook-not-found", (await again.AssertProblemAsync(HttpStatusCode.NotFound)).Str("type"));
        using var deliveries = await admin.Client.GetAsync(new Uri($"/api/webhooks/{webhook.Id()}/deliveries", UriKind.Relative));
        Assert.Equal("/problems/webhook-not-found", (await deliveries.AssertProblemAsync(HttpStatusCode.NotFound)).Str("type"));
    }

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=101")]
    public async Task Bad_paging_is_400(string query)
    {
        var admin = await _factory.AdminAsync();
        var webhook = await CreateAsync(admin, "http://127.0.0.1:9/paging", "*");

        using var list = await admin.Client.GetAsync(new Uri("/api/webhooks" + query, UriKind.Relative));
        using var deliveries = await admin.Client.GetAsync(new Uri($"/api/webhooks/{webhook.Id()}/deliveries{query}", UriKind.Relative));

        var field = query[1..query.IndexOf('=', StringComparison.Ordinal)];
        await list.AssertValidationProblemAsync(field);
        await deliveries.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task A_customer_is_403_and_an_anonymous_client_401_on_every_webhook_route()
    {
        var admin = await _factory.AdminAsync();
        var webhook = await CreateAsync(admin, "http://127.0.0.1:9/kept", "*");
        var customer = await _factory.CustomerAsync();
        using var anonymous = _factory.CreateAnonymousClient();

        foreach (var (client, status) in new[] { (customer.Client, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            using var create = await client.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/x", events = new[] { "*" } });
            using var list = await client.GetAsync(new Uri("/api/webhooks", UriKind.Relative));
            using var deliveries = await client.GetAsync(new Uri($"/api/webhooks/{webhook.Id()}/deliveries", UriKind.Relative));
            using var delete = await client.DeleteAsync(new Uri($"/api/webhooks/{webhook.Id()}", UriKind.Relative));
            await create.AssertProblemAsync(status);
            await list.AssertProblemAsync(status);
            await deliveries.AssertProblemAsync(status);
            await delete.AssertProblemAsync(status);
        }

        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM webhook_subscriptions WHERE id = '{webhook.Id()}'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM webhook_subscriptions WHERE url = 'http://127.0.0.1:9/x'"));
    }

    private static async Task<JsonElement> CreateAsync(TestUser admin, string url, params string[] events)
    {
        using var response = await admin.Client.PostAsJsonAsync("/api/webhooks", new { url, events });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonElement> DeliveriesAsync(TestUser admin, Guid webhookId, string query = "")
    {
        using var response = await admin.Client.GetAsync(new Uri($"/api/webhooks/{webhookId}/deliveries{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.ReadJsonAsync();
    }

    private async Task<Guid> MessageIdAsync(Guid resourceId, string type)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM outbox_messages WHERE resource_id = $1 AND type = $2", connection)
        {
            Parameters = { new() { Value = resourceId }, new() { Value = type } },
        };
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("^whsec_(?<key>[A-Za-z0-9+/]{43}=)$")]
    private static partial Regex SecretFormat();
}
