using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Shop.Application.Telemetry;
using Shop.Application.Webhooks;

namespace Shop.Infrastructure.Webhooks;

/// <summary>
/// Sends one attempt of a delivery as the Standard Webhooks specification says: a signed JSON POST, the event's id as
/// <c>webhook-id</c> on every attempt. The client (<see cref="ClientName"/>) follows no redirect, gives up after
/// <c>Shop:Webhooks:Timeout</c> and connects only to public addresses (<see cref="PublicAddressConnector"/>).
/// </summary>
internal sealed class WebhookSender
{
    public const string ClientName = "webhooks";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _clock;

    public WebhookSender(IHttpClientFactory clients, TimeProvider clock)
    {
        _clients = clients;
        _clock = clock;
    }

    /// <summary>The answer's status code, or null when none came (refused, unreachable, timed out).</summary>
    public async Task<int?> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var webhookId = WebhookIds.Of(delivery.MessageId);
        using var activity = StartActivity(delivery, webhookId);
        var body = Body(delivery);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Secret, webhookId, timestamp, body));
        try
        {
            using var response = await _clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return null;
        }
    }

    /// <summary><c>{"type": ..., "timestamp": the event's time (ISO 8601, UTC), "data": the resource}</c>.</summary>
    public static byte[] Body(ClaimedDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", delivery.Type);
            writer.WriteString("timestamp", delivery.OccurredAt);
            writer.WritePropertyName("data");
            delivery.Data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // A span in the trace of the request that made the change; the HTTP client's span below it carries the traceparent on.
    private static Activity? StartActivity(ClaimedDelivery delivery, string webhookId)
    {
        ActivityContext.TryParse(delivery.Traceparent, null, out var parent);
        var activity = ShopTelemetry.ActivitySource.StartActivity("webhook delivery", ActivityKind.Producer, parent);
        activity?.SetTag(ShopTelemetry.WebhookIdTag, webhookId);
        activity?.SetTag(ShopTelemetry.WebhookEventTypeTag, delivery.Type);
        activity?.SetTag(ShopTelemetry.WebhookAttemptTag, delivery.Attempts + 1);
        return activity;
    }
}
