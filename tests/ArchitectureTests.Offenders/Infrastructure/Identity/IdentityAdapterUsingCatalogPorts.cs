using Shop.ArchitectureTests.Offenders.Application.Catalog.Ports;

namespace Shop.ArchitectureTests.Offenders.Infrastructure.Identity;

/// <summary>Offends "through Application ports only": Identity declares no dependency on Catalog, so its Infrastructure may not use even Catalog's port.</summary>
internal sealed class IdentityAdapterUsingCatalogPorts
{
    private readonly IWidgetRepository _widgets;

    public IdentityAdapterUsingCatalogPorts(IWidgetRepository widgets) => _widgets = widgets;

    public async Task<bool> ExistsAsync(Guid widgetId, CancellationToken cancellationToken) =>
        await _widgets.GetByIdAsync(widgetId, cancellationToken) is not null;
}
