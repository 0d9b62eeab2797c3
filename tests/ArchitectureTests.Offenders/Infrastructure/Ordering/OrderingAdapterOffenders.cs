using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.ArchitectureTests.Offenders.Application.Catalog;
using Shop.ArchitectureTests.Offenders.Application.Catalog.Ports;
using Shop.ArchitectureTests.Offenders.Domain.Catalog;
using Shop.ArchitectureTests.Offenders.Domain.Ordering;
using Shop.ArchitectureTests.Offenders.Infrastructure.Catalog;

namespace Shop.ArchitectureTests.Offenders.Infrastructure.Ordering;

/// <summary>
/// Offends both ownership rules, as the real OrderRepository does with StockStatements: Ordering's Infrastructure uses
/// Catalog's Infrastructure, and through it writes Catalog's table (widgets).
/// </summary>
internal static class OrderingUsingCatalogInfrastructure
{
    public static string TakeWidget() => WidgetStatements.TakeOne();
}

/// <summary>Offends "touch only your own tables" alone: reads Catalog's widgets through EF Core (no other module's Infrastructure type).</summary>
internal sealed class OrderingReadingWidgetsThroughEfCore
{
    private readonly WidgetDbContext _context;

    public OrderingReadingWidgetsThroughEfCore(WidgetDbContext context) => _context = context;

    public Task<int> CountWidgetsAsync(CancellationToken cancellationToken) => _context.Set<Widget>().CountAsync(cancellationToken);
}

/// <summary>Offends "touch only your own tables" alone: SQL on Catalog's widgets.</summary>
internal static class OrderingWritingWidgetsInSql
{
    public static string DeleteWidget() => "DELETE FROM widgets WHERE id = $1";
}

/// <summary>Offends "through Application ports only": Ordering's Infrastructure uses a part of Catalog's Application that is not a port.</summary>
internal static class OrderingAdapterUsingCatalogInternals
{
    public static decimal Price(Guid widgetId) => WidgetPricing.PriceOf(widgetId);
}

/// <summary>Allowed: Ordering declares Catalog, and its Infrastructure uses Catalog's port (never Catalog's tables).</summary>
internal sealed class OrderingAdapterUsingCatalogPorts
{
    private readonly IWidgetRepository _widgets;

    public OrderingAdapterUsingCatalogPorts(IWidgetRepository widgets) => _widgets = widgets;

    public async Task<bool> ExistsAsync(Guid widgetId, CancellationToken cancellationToken) =>
        await _widgets.GetByIdAsync(widgetId, cancellationToken) is not null;
}

/// <summary>Allowed: Ordering's own table (widget_orders), through EF Core and in SQL.</summary>
internal sealed class WidgetOrderQueries
{
    private readonly WidgetDbContext _context;

    public WidgetOrderQueries(WidgetDbContext context) => _context = context;

    public Task<int> CountAsync(CancellationToken cancellationToken) => _context.Set<OrderOfWidgetIds>().CountAsync(cancellationToken);

    public static string Lock() => "SELECT 1 FROM widget_orders WHERE id = $1 FOR UPDATE";
}

/// <summary>
/// Allowed: maps Ordering's own table and declares a foreign key to Catalog's widgets; a relationship in the EF Core
/// model reads and writes nothing of the other table.
/// </summary>
internal sealed class WidgetOrderConfiguration : IEntityTypeConfiguration<OrderOfWidgetIds>
{
    public void Configure(EntityTypeBuilder<OrderOfWidgetIds> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("widget_orders");
        builder.HasKey(order => order.Id);
        builder.HasOne<Widget>().WithMany().HasForeignKey(order => order.WidgetId);
    }
}
