using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// A delivery joins the trace of the request that committed its event: its span's parent is the request's (kept in
/// the outbox as a traceparent), and the receiver is sent the trace in <c>traceparent</c>. The relay reports the age
/// of the oldest pending delivery.
/// </summary>
public sealed class WebhookTelemetryTests : IClassFixture<WebhookTelemetryTests.TracedWebhookFactory>
{
    private readonly TracedWebhookFactory _factory;

    public WebhookTelemetryTests(TracedWebhookFactory factory) => _factory = factory;

    [Fact]
    public async Task A_deliverys_span_and_the_receivers_traceparent_belong_to_the_trace_of_the_request_that_made_the_change()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Support.Webhooks.SubscribeAsync(_factory, receiver.Url("/traced"), "product.created");

        await _factory.CreateProductAsync();

        var received = (await receiver.WaitForAsync(all => all.Count > 0, TimeSpan.FromSeconds(20), "the delivery")).Single();
        var delivery = await _factory.WaitForSpanAsync(span => span.DisplayName == "webhook delivery"
            && Equals(span.GetTagItem("shop.webhook.id"), received.WebhookId));
        var request = await _factory.WaitForSpanAsync(span => span.Source.Name == "Microsoft.AspNetCore"
            && Equals(span.GetTagItem("url.path"), "/api/products") && span.TraceId == delivery.TraceId);
        Assert.NotEqual(default, delivery.ParentSpanId);
        Assert.Contains(_factory.SpansOf(request.TraceId), span => span.SpanId == delivery.ParentSpanId);
        var client = await _factory.WaitForSpanAsync(span => span.Source.Name == "System.Net.Http" && span.ParentSpanId == delivery.SpanId);
        Assert.True(ActivityContext.TryParse(received.Headers["traceparent"], null, out var sent));
        Assert.Equal((request.TraceId, client.SpanId), (sent.TraceId, sent.SpanId));
    }

    [Fact]
    public async Task The_age_of_the_oldest_pending_delivery_is_reported()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, _) => 500;
        var subscription = await Support.Webhooks.SubscribeAsync(_factory, receiver.Url("/lagging"), "product.created");
        await _factory.CreateProductAsync();
        await receiver.WaitForAsync(all => all.Count >= 2, TimeSpan.FromSeconds(20), "a retry");

        // The relay reads the age when it runs out of due work, after each failed attempt here.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var ages = new List<double>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name == "Shop" && instrument.Name == "shop.outbox.oldest_pending_age")
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, value, _, _) => ages.Add(value));
            listener.Start();
            listener.RecordObservableInstruments();
        }

        // Process-wide: another relay may have read another database, so the reading is only known to exist.
        Assert.Single(ages);
        Assert.True(ages[0] >= 0);
        await Support.Webhooks.UnsubscribeAsync(_factory, subscription.Id);
    }

    /// <summary>A relaying host with the SDK on and its in-memory exporters.</summary>
    public sealed class TracedWebhookFactory : WebhookShopApiFactory
    {
        private readonly ConcurrentQueue<Activity> _spans = new();

        public async Task<Activity> WaitForSpanAsync(Func<Activity, bool> match)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                Services.GetRequiredService<TracerProvider>().ForceFlush();
                if (_spans.FirstOrDefault(match) is { } span)
                {
                    return span;
                }

                await Task.Delay(50);
            }

            throw new Xunit.Sdk.XunitException("The expected span was not exported in time.");
        }

        public IReadOnlyList<Activity> SpansOf(ActivityTraceId traceId) => [.. _spans.Where(span => span.TraceId == traceId)];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_SDK_DISABLED", "false");
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new CollectingProcessor(_spans)));
            });
        }

        private sealed class CollectingProcessor(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
        {
            public override void OnEnd(Activity data) => spans.Enqueue(data);
        }
    }
}
