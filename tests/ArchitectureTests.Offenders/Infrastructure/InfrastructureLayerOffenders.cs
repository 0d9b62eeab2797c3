namespace Shop.ArchitectureTests.Offenders.Infrastructure;

/// <summary>Offends "Infrastructure does not depend on WebApi": it uses the web host's entry point type.</summary>
internal static class InfrastructureTypeUsingWebApi
{
    public static string HostAssembly => typeof(Program).Assembly.GetName().Name!;
}
