using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure;

namespace Shop.ArchitectureTests.Offenders.Domain.Identity;

/// <summary>Offends "Domain depends on no outer layer": a domain type that knows an Application port.</summary>
public static class DomainTypeUsingApplication
{
    public static Task SaveAsync(IUnitOfWork unitOfWork)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        return unitOfWork.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>Offends "Domain depends on no outer layer": a domain type that knows Infrastructure.</summary>
public static class DomainTypeUsingInfrastructure
{
    public static string PersistedBy => typeof(InfrastructureAssembly).Assembly.GetName().Name!;
}

/// <summary>Offends "Domain depends on no outer layer": a domain type that knows the web host.</summary>
public static class DomainTypeUsingWebApi
{
    public static string ServedBy => typeof(Program).Assembly.GetName().Name!;
}
