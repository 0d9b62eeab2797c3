using OpenTelemetry;

namespace Shop.ArchitectureTests.Offenders.Domain.Identity;

/// <summary>Offends "Domain depends on no OpenTelemetry package": an entity that reads the caller from OpenTelemetry baggage.</summary>
public static class DomainTypeUsingOpenTelemetry
{
    public static string? TenantOf() => Baggage.Current.GetBaggage("tenant");
}
