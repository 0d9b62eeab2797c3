using Shop.ArchitectureTests.Offenders.Domain.Catalog;

namespace Shop.ArchitectureTests.Offenders.Domain.Ordering;

/// <summary>Offends "modules refer to each other by id only": an Ordering entity holds a Catalog entity.</summary>
public sealed class OrderOfWidgets
{
    private OrderOfWidgets(Guid id, Widget widget)
    {
        Id = id;
        Widget = widget;
    }

    public Guid Id { get; private set; }

    public Widget Widget { get; private set; }

    public static OrderOfWidgets Place(Widget widget) => new(Guid.CreateVersion7(), widget);
}

/// <summary>Refers to the Catalog module by id only: breaks no rule.</summary>
public sealed class OrderOfWidgetIds
{
    private OrderOfWidgetIds(Guid id, Guid widgetId)
    {
        Id = id;
        WidgetId = widgetId;
    }

    public Guid Id { get; private set; }

    public Guid WidgetId { get; private set; }

    public static OrderOfWidgetIds Place(Guid widgetId) => new(Guid.CreateVersion7(), widgetId);
}
