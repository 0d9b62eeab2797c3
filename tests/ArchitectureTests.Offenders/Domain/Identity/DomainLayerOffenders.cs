using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Ports;

namespace Shop.ArchitectureTests.Offenders.Domain.Identity;

/// <summary>Offends "Domain depends on nothing outside the BCL": a domain type that is an EF Core DbContext.</summary>
public sealed class DomainTypeUsingEfCore : DbContext
{
}

/// <summary>Offends "Domain depends on nothing outside the BCL": a domain type that knows an Application port.</summary>
public static class DomainTypeUsingApplication
{
    public static Task SaveAsync(IUnitOfWork unitOfWork)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        return unitOfWork.SaveChangesAsync(CancellationToken.None);
    }
}
