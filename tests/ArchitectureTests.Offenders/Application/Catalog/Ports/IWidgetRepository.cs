using Shop.ArchitectureTests.Offenders.Domain.Catalog;

namespace Shop.ArchitectureTests.Offenders.Application.Catalog.Ports;

/// <summary>What the offenders' Catalog module exposes to other modules (its Ports namespace).</summary>
public interface IWidgetRepository
{
    Task<Widget?> GetByIdAsync(Guid id, CancellationToken cancellationToken);
}
