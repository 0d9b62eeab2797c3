namespace Shop.ArchitectureTests.Offenders.Application.Catalog;

/// <summary>Part of the offenders' Catalog module that it does not expose (not in Ports).</summary>
internal static class WidgetPricing
{
    public static decimal PriceOf(Guid widgetId) => widgetId == Guid.Empty ? 0m : 1m;
}
