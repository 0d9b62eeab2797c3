using Shop.Infrastructure;

namespace Shop.ArchitectureTests.Offenders.Application.Common;

/// <summary>Offends "Application does not depend on Infrastructure".</summary>
internal static class ApplicationTypeUsingInfrastructure
{
    public static string Name => typeof(InfrastructureAssembly).Assembly.GetName().Name!;
}

/// <summary>Offends "Application does not depend on WebApi": it uses the web host's entry point type.</summary>
internal static class ApplicationTypeUsingWebApi
{
    public static string HostAssembly => typeof(Program).Assembly.GetName().Name!;
}
