using System.Reflection;
using Shop.ArchitectureTests.Offenders.Domain.Catalog;
using Shop.ArchitectureTests.Offenders.Infrastructure;
using Shop.ArchitectureTests.Rules;

namespace Shop.ArchitectureTests;

/// <summary>
/// The deliberate offenders (tests/ArchitectureTests.Offenders), laid out like the real layers under
/// Shop.ArchitectureTests.Offenders. Every rule is run on them too and must fail: a rule that cannot fail proves nothing.
/// </summary>
public static class OffenderLayers
{
    private const string Root = "Shop.ArchitectureTests.Offenders";

    public static Assembly Assembly { get; } = typeof(Widget).Assembly;

    public static Layer Domain { get; } = new(Assembly, Root + ".Domain");

    public static Layer Application { get; } = new(Assembly, Root + ".Application");

    public static Layer Infrastructure { get; } = new(Assembly, Root + ".Infrastructure");

    public static Layer WebApi { get; } = new(Assembly, Root + ".WebApi");

    /// <summary>The classes the offenders' EF Core model (WidgetDbContext) maps.</summary>
    public static IReadOnlyList<Type> MappedTypes { get; } =
        EfModel.MappedTypes<WidgetDbContext>(options => new WidgetDbContext(options));

    /// <summary>The table of each entity class of the offenders' EF Core model (widgets, widget_orders, ...).</summary>
    public static IReadOnlyDictionary<Type, string> EntityTables { get; } =
        EfModel.Tables<WidgetDbContext>(options => new WidgetDbContext(options));

    /// <summary>The offenders' table owners: Catalog owns widgets, Ordering widget_orders (Identity none).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TableOwners { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["Identity"] = [],
            ["Catalog"] = ["widgets"],
            ["Ordering"] = ["widget_orders"],
        };
}
