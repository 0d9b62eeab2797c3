using Shop.ArchitectureTests.Offenders.Application.Catalog;
using Shop.ArchitectureTests.Offenders.Application.Catalog.Ports;
using Shop.ArchitectureTests.Offenders.Domain.Catalog;

namespace Shop.ArchitectureTests.Offenders.Application.Ordering;

/// <summary>
/// Allowed: Ordering declares a dependency on Catalog and uses only Catalog's Ports and Catalog's domain.
/// The module rule must not report this type.
/// </summary>
internal sealed class OrderingUsingCatalogPorts
{
    private readonly IWidgetRepository _widgets;

    public OrderingUsingCatalogPorts(IWidgetRepository widgets) => _widgets = widgets;

    public async Task<string?> NameOfAsync(Guid widgetId)
    {
        Widget? widget = await _widgets.GetByIdAsync(widgetId, CancellationToken.None);
        return widget?.Name;
    }
}

/// <summary>Offends the module rule: Ordering reaches into a part of Catalog that Catalog does not expose.</summary>
internal static class OrderingUsingCatalogInternals
{
    public static decimal Price(Guid widgetId) => WidgetPricing.PriceOf(widgetId);
}
