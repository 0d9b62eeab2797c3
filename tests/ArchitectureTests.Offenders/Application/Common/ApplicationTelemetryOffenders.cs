using OpenTelemetry.Trace;

namespace Shop.ArchitectureTests.Offenders.Application.Common;

/// <summary>Offends "Application depends on no OpenTelemetry package": a use case that records through the SDK's API.</summary>
internal static class ApplicationTypeUsingOpenTelemetry
{
    public static void MarkFailed(TracerProvider tracers) => tracers.GetTracer("widgets").StartActiveSpan("pay").SetStatus(Status.Error);
}
