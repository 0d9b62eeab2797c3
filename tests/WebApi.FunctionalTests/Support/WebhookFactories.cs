using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Domain.Webhooks;
using Shop.Infrastructure.Persistence;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// A host whose outbox relay runs (the base factory's hosts run none), with receivers on loopback allowed, a poll
/// interval of a minute (so only a wake-up delivers promptly) and three retries 0.2 s apart.
/// </summary>
public class WebhookShopApiFactory : ShopApiFactory
{
    public const int Retries = 3;

    public WebhookShopApiFactory() : this(null, RelaySettings(Retries))
    {
    }

    protected WebhookShopApiFactory(ShopApiFactory? sharesStoresWith, IReadOnlyDictionary<string, string?> settings)
        : base(sharesStoresWith, settings)
    {
    }

    /// <summary>Settings of a host that relays, retrying <paramref name="retries"/> times 0.2 s apart.</summary>
    public static Dictionary<string, string?> RelaySettings(int retries, bool relayEnabled = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Shop:Outbox:RelayEnabled"] = relayEnabled ? "true" : "false",
            ["Shop:Outbox:PollInterval"] = "00:01:00",
            ["Shop:Webhooks:AllowPrivateNetworks"] = "true",
            ["Shop:Webhooks:Timeout"] = "00:00:05",
        };
        for (var index = 0; index < retries; index++)
        {
            settings[$"Shop:Webhooks:RetrySchedule:{index}"] = "00:00:00.2";
        }

        return settings;
    }
}

/// <summary>A relaying host that retries for ten seconds (50 retries 0.2 s apart): long enough to hold an event back.</summary>
public sealed class PatientWebhookShopApiFactory : WebhookShopApiFactory
{
    public PatientWebhookShopApiFactory() : base(null, RelaySettings(50))
    {
    }
}

/// <summary>A relaying host that keeps to the default: no receiver outside the public internet.</summary>
public sealed class PublicOnlyWebhookShopApiFactory : WebhookShopApiFactory
{
    public PublicOnlyWebhookShopApiFactory()
        : base(null, new Dictionary<string, string?>(RelaySettings(Retries)) { ["Shop:Webhooks:AllowPrivateNetworks"] = "false" })
    {
    }
}

/// <summary>Subscriptions written as the webhook routes write them, and the relay's rows read back.</summary>
public static class Webhooks
{
    /// <summary>A subscription of <paramref name="url"/> to <paramref name="events"/>, stored directly.</summary>
    public static async Task<WebhookSubscription> SubscribeAsync(ShopApiFactory factory, Uri url, params string[] events)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var subscription = WebhookSubscription.Create(url, events.Length == 0 ? ["*"] : events, TimeProvider.System);
        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        context.Add(subscription);
        await context.SaveChangesAsync();
        return subscription;
    }

    /// <summary>Removes a subscription; its deliveries go with it.</summary>
    public static Task UnsubscribeAsync(ShopApiFactory factory, Guid subscriptionId) =>
        ExecuteAsync(factory, "DELETE FROM webhook_subscriptions WHERE id = $1", subscriptionId);

    /// <summary>The subscription's deliveries in position order.</summary>
    public static Task<List<DeliveryRow>> DeliveriesAsync(ShopApiFactory factory, Guid subscriptionId) =>
        QueryAsync(
            factory,
            """
            SELECT d.message_id, m.type, m.resource_id, d.state, d.attempts, d.last_status_code, m.occurred_at
            FROM webhook_deliveries d JOIN outbox_messages m ON m.id = d.message_id
            WHERE d.subscription_id = $1 ORDER BY d.position
            """,
            reader => new DeliveryRow(
                reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)),
            subscriptionId);

    /// <summary>Waits until the subscription's deliveries satisfy <paramref name="done"/>; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<List<DeliveryRow>> WaitForDeliveriesAsync(
        ShopApiFactory factory, Guid subscriptionId, Func<List<DeliveryRow>, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await DeliveriesAsync(factory, subscriptionId);
            if (done(rows))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s for {what}; deliveries: "
                    + string.Join(", ", rows.Select(row => $"{row.Type} {row.State} x{row.Attempts} {row.LastStatusCode}")));
            }

            await Task.Delay(50);
        }
    }

    public static async Task<int> ExecuteAsync(ShopApiFactory factory, string sql, params object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<T>> QueryAsync<T>(ShopApiFactory factory, string sql, Func<NpgsqlDataReader, T> map, params object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(map);
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}

/// <summary>A row of webhook_deliveries with its message's type, resource and time.</summary>
public sealed record DeliveryRow(Guid MessageId, string Type, Guid ResourceId, string State, int Attempts, int? LastStatusCode, DateTime OccurredAt);
