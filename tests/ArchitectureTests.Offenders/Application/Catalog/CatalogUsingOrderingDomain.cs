using Shop.ArchitectureTests.Offenders.Domain.Ordering;

namespace Shop.ArchitectureTests.Offenders.Application.Catalog;

/// <summary>Offends the module rule: Catalog declares no dependency on Ordering, yet uses its domain.</summary>
internal static class CatalogUsingOrderingDomain
{
    public static Guid WidgetOf(OrderOfWidgetIds order) => order.WidgetId;
}
