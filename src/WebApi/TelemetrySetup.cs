using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shop.Application.Telemetry;

namespace Shop.WebApi;

/// <summary>
/// The OpenTelemetry SDK: traces of ASP.NET Core, Npgsql, StackExchange.Redis and the use cases; metrics of ASP.NET
/// Core, the runtime, Npgsql and the use cases; logs with their trace ids. Exported over OTLP only when a standard
/// OTEL_EXPORTER_OTLP_*ENDPOINT variable asks for it; the SDK reads the other OTEL_* settings itself. Part of the
/// composition root: it wires Npgsql's and Redis's instrumentation, which the rest of WebApi may not touch.
/// </summary>
internal static class TelemetrySetup
{
    public const string DefaultServiceName = "shop-api";

    /// <summary>Any of these set (environment variable or other configuration) turns the OTLP exporter on.</summary>
    public static readonly IReadOnlyList<string> EndpointSettings =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static bool ExportsOverOtlp(IConfiguration configuration) =>
        EndpointSettings.Any(setting => !string.IsNullOrWhiteSpace(configuration[setting]));

    /// <summary>
    /// Whether the SDK records at all: with an OTLP endpoint, or when OTEL_SDK_DISABLED is set to false explicitly (an
    /// exporter of the host's own, such as the tests' in-memory one); never when it is true. Recording spans and
    /// metrics that nobody exports cost 40% of the order flow's throughput in the load benchmark.
    /// </summary>
    public static bool Records(IConfiguration configuration) => configuration["OTEL_SDK_DISABLED"]?.Trim().ToUpperInvariant() switch
    {
        "TRUE" => false,
        "FALSE" => true,
        _ => ExportsOverOtlp(configuration),
    };

    public static IServiceCollection AddShopTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!Records(configuration))
        {
            return services;
        }

        // The default resource reads OTEL_SERVICE_NAME too, but AddService would override it with the default name.
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(ShopTelemetry.SourceName)
                // HttpClient's own spans (.NET's source): the webhook deliveries, the only requests the API sends.
                .AddSource("System.Net.Http")
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddRedisInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ShopTelemetry.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
        if (ExportsOverOtlp(configuration))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
