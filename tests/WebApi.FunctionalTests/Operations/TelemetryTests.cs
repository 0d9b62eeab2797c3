using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The OpenTelemetry SDK as the host wires it, read back through the SDK's in-memory exporter: the spans of one
/// request and their parent-child chain, the use cases' duration histogram and the shop's counters. Other test
/// classes' hosts run in the same process, so spans are picked by this test's own ids and counts are lower bounds.
/// </summary>
public sealed class TelemetryTests : IClassFixture<TelemetryTests.InMemoryTelemetryFactory>
{
    private readonly InMemoryTelemetryFactory _factory;

    public TelemetryTests(InMemoryTelemetryFactory factory) => _factory = factory;

    [Fact]
    public async Task A_request_span_parents_the_use_case_span_which_parents_the_Npgsql_span()
    {
        var product = await _factory.CreateProductAsync();
        var path = $"/api/products/{product.Id()}";
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = await _factory.WaitForSpanAsync(span =>
            span.Source.Name == "Microsoft.AspNetCore" && Equals(span.GetTagItem("url.path"), path));
        Assert.Equal(ActivityKind.Server, request.Kind);
        var spans = _factory.SpansOf(request.TraceId);
        var useCase = Assert.Single(spans, span => span.Source.Name == "Shop" && span.ParentSpanId == request.SpanId);
        Assert.Equal("GetProductQuery", useCase.DisplayName);
        Assert.Equal("success", useCase.GetTagItem("shop.outcome"));
        Assert.Contains(spans, span => span.Source.Name == "Npgsql" && span.ParentSpanId == useCase.SpanId);
        // The Redis instrumentation turns the client's profiled commands into spans afterwards, polling up to every 10 s.
        // The rate limiter's call is the request span's child; the cache read is the use case's.
        await _factory.WaitForSpanAsync(
            span => span.Source.Name.Contains("StackExchangeRedis", StringComparison.Ordinal) && span.ParentSpanId == useCase.SpanId,
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task The_duration_histogram_records_the_use_case_with_its_outcome()
    {
        var product = await _factory.CreateProductAsync();
        using var client = _factory.CreateAnonymousClient();

        using var found = await client.GetAsync(new Uri($"/api/products/{product.Id()}", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri($"/api/products/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var durations = _factory.LatestPoints("shop.use_case.duration");
        Assert.Contains(durations, point => Tagged(point, "GetProductQuery", "success") && point.GetHistogramCount() >= 1);
        Assert.Contains(durations, point => Tagged(point, "GetProductQuery", "not_found") && point.GetHistogramCount() >= 1);
    }

    [Fact]
    public async Task Cache_hits_and_misses_and_payments_paid_and_refused_are_counted()
    {
        var product = await _factory.CreateProductAsync(price: 2m, stock: 10);
        using var client = _factory.CreateAnonymousClient();
        var user = await _factory.CustomerAsync();
        var toPay = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        var toRefuse = await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));

        using var miss = await client.GetAsync(new Uri($"/api/products/{product.Id()}", UriKind.Relative));
        // With a token: an anonymous repeat would come from the output cache, which never reaches the cache.
        using var hit = await user.Client.GetAsync(new Uri($"/api/products/{product.Id()}", UriKind.Relative));
        using var paid = await user.Client.PostAsJsonAsync($"/api/orders/{toPay.Id()}/payment", new { amount = 2m });
        using var refused = await user.Client.PostAsJsonAsync($"/api/orders/{toRefuse.Id()}/payment", new { amount = 3m });

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True(Sum(_factory.LatestPoints("shop.cache.misses"), "shop.cache.entry", "product") >= 1, "no cache miss counted");
        Assert.True(Sum(_factory.LatestPoints("shop.cache.hits"), "shop.cache.entry", "product") >= 1, "no cache hit counted");
        var payments = _factory.LatestPoints("shop.payments");
        Assert.True(Sum(payments, "shop.payment.outcome", "paid") >= 1, "no paid payment counted");
        Assert.True(Sum(payments, "shop.payment.outcome", "refused") >= 1, "no refused payment counted");
    }

    [Fact]
    public async Task A_change_taking_a_permit_is_counted_under_the_writes_policy_a_login_under_password_hashing_and_no_request_under_any_other_limiter()
    {
        // The meter is process-wide, other classes' hosts included, so counts are lower bounds and cannot show that this
        // read took no permit; ConcurrencyLimiterTests proves that (a read answers while the only permit is held). Here:
        // the read passes no other limiter either (a global one would report points without either policy).
        var product = await _factory.CreateProductAsync(price: 2m, stock: 10);
        var user = await _factory.CustomerAsync();

        await ShopApiFactory.PlaceOrderAsync(user, (product.Id(), 1));
        using var read = await user.Client.GetAsync(new Uri($"/api/products/{product.Id()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var limited = _factory.LatestPoints("aspnetcore.rate_limiting.requests");
        Assert.True(
            limited.Where(point => Equals(Tag(point, "aspnetcore.rate_limiting.policy"), "writes") && Equals(Tag(point, "aspnetcore.rate_limiting.result"), "acquired"))
                .Sum(point => point.GetSumLong()) >= 1,
            "no change counted as admitted");
        Assert.True(
            limited.Where(point => Equals(Tag(point, "aspnetcore.rate_limiting.policy"), "password-hashing") && Equals(Tag(point, "aspnetcore.rate_limiting.result"), "acquired"))
                .Sum(point => point.GetSumLong()) >= 1,
            "the customer's login was not counted under password-hashing");
        Assert.DoesNotContain(limited, point => Tag(point, "aspnetcore.rate_limiting.policy") is not ("writes" or "password-hashing"));
    }

    private static bool Tagged(MetricPoint point, string useCase, string outcome) =>
        Equals(Tag(point, "shop.use_case"), useCase) && Equals(Tag(point, "shop.outcome"), outcome);

    private static long Sum(IEnumerable<MetricPoint> points, string tag, string value) =>
        points.Where(point => Equals(Tag(point, tag), value)).Sum(point => point.GetSumLong());

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    /// <summary>The host with the SDK's in-memory exporters added to the providers the host builds.</summary>
    public sealed class InMemoryTelemetryFactory : ShopApiFactory
    {
        private readonly LockedList<Activity> _spans = new();
        private readonly LockedList<MetricSnapshot> _metrics = new();

        public async Task<Activity> WaitForSpanAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
        {
            // The server span ends after the response has been sent, so it may be exported a moment after it arrived.
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
            while (DateTime.UtcNow < deadline)
            {
                Services.GetRequiredService<TracerProvider>().ForceFlush();
                if (_spans.Snapshot().FirstOrDefault(match) is { } span)
                {
                    return span;
                }

                await Task.Delay(50);
            }

            throw new Xunit.Sdk.XunitException("The expected span was not exported in time.");
        }

        public IReadOnlyList<Activity> SpansOf(ActivityTraceId traceId)
        {
            Services.GetRequiredService<TracerProvider>().ForceFlush();
            return _spans.Snapshot().Where(span => span.TraceId == traceId).ToList();
        }

        /// <summary>The points of the newest export of <paramref name="name"/> (cumulative, so totals so far).</summary>
        public IReadOnlyList<MetricPoint> LatestPoints(string name)
        {
            Services.GetRequiredService<MeterProvider>().ForceFlush();
            return _metrics.Snapshot().LastOrDefault(metric => metric.Name == name)?.MetricPoints.ToList() ?? [];
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_SDK_DISABLED", "false");
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
            });
        }
    }

    /// <summary>The exporters add from their own threads while a test reads.</summary>
    private sealed class LockedList<T> : Collection<T>
    {
        public T[] Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (Items)
            {
                base.ClearItems();
            }
        }
    }
}
