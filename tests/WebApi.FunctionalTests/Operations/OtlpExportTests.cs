using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using Shop.WebApi.FunctionalTests.Support;

namespace Shop.WebApi.FunctionalTests.Operations;

/// <summary>
/// The standard OTEL_* settings turn OTLP export on: a host pointed at a real OTLP/HTTP endpoint (a listener in the
/// test) sends it traces and metrics.
/// </summary>
public sealed class OtlpExportTests : IClassFixture<OtlpExportTests.OtlpExportingFactory>
{
    private readonly OtlpExportingFactory _factory;

    public OtlpExportTests(OtlpExportingFactory factory) => _factory = factory;

    [Fact]
    public async Task Traces_and_metrics_are_posted_to_the_configured_endpoint()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri("/api/products", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var arrived = await _factory.Listener.WaitForAsync(TimeSpan.FromSeconds(20), "/v1/traces", "/v1/metrics");
        Assert.True(arrived, $"received only: {string.Join(", ", _factory.Listener.Received.Select(item => $"{item.Path} ({item.Bytes} bytes)"))}");
    }

    /// <summary>The host exports over OTLP/HTTP to <see cref="Listener"/>, every half second.</summary>
    public sealed class OtlpExportingFactory : ShopApiFactory
    {
        public OtlpListener Listener { get; } = new();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Listener.Dispose();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Listener.Endpoint.ToString());
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500");
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200");
            builder.UseSetting("OTEL_BLRP_SCHEDULE_DELAY", "200");
        }
    }
}

/// <summary>
/// Without an OTLP endpoint setting nothing is exported. The host is given every other OTEL_* setting, and the OTLP
/// exporter's default options (which no OTEL_* setting names) point at a listener on a free port: an exporter
/// registered regardless would post there instead of to the SDK's default localhost:4318, which other processes on
/// the machine may use.
/// </summary>
public sealed class NoOtlpExportTests : IClassFixture<NoOtlpExportTests.UnconfiguredFactory>
{
    private readonly UnconfiguredFactory _factory;

    public NoOtlpExportTests(UnconfiguredFactory factory) => _factory = factory;

    [Fact]
    public async Task Nothing_is_posted_where_an_exporter_would_send()
    {
        using var client = _factory.CreateAnonymousClient();

        using var response = await client.GetAsync(new Uri("/api/products", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Ten export intervals of the settings below: a claim that nothing happens waits a fixed time.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(_factory.Listener.Received);
    }

    public sealed class UnconfiguredFactory : ShopApiFactory
    {
        public OtlpListener Listener { get; } = new();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Listener.Dispose();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "300");
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
            builder.UseSetting("OTEL_BLRP_SCHEDULE_DELAY", "100");
            builder.ConfigureTestServices(services =>
                services.Configure<OtlpExporterOptions>(options => options.Endpoint = Listener.Endpoint));
        }
    }
}
