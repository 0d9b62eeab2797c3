using Shop.ArchitectureTests.Offenders.Application.Catalog.Ports;

namespace Shop.ArchitectureTests.Offenders.Application.Identity;

/// <summary>Offends the module rule: Identity declares no dependency on Catalog, so not even Catalog's Ports.</summary>
internal sealed class IdentityUsingCatalogPorts
{
    private readonly IWidgetRepository _widgets;

    public IdentityUsingCatalogPorts(IWidgetRepository widgets) => _widgets = widgets;

    public Task<bool> ExistsAsync(Guid id) =>
        _widgets.GetByIdAsync(id, CancellationToken.None).ContinueWith(task => task.Result is not null, TaskScheduler.Default);
}
