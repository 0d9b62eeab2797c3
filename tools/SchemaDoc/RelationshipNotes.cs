namespace Shop.SchemaDoc;

/// <summary>How one foreign key reads in the document: the diagram's verb, whether a parent needs at least one child, and a sentence.</summary>
internal sealed record RelationshipNote(string Verb, bool ChildRequired, string Description);

/// <summary>
/// What the catalog cannot say about the relationships: their wording, the order the tables are presented in,
/// and what a junction table means. A foreign key or table missing here still appears, with generated wording.
/// </summary>
internal static class RelationshipNotes
{
    private static readonly string[] TableOrder = ["users", "orders", "products", "line_items"];

    /// <summary>Keyed by <c>table.column</c> of the foreign key.</summary>
    public static IReadOnlyDictionary<string, RelationshipNote> ByForeignKey { get; } = new Dictionary<string, RelationshipNote>(StringComparer.Ordinal)
    {
        ["orders.user_id"] = new("places", ChildRequired: false, "User has many orders"),
        // An order is placed with at least one line and lines are never removed.
        ["line_items.order_id"] = new("contains", ChildRequired: true, "Order has many line items"),
        ["line_items.product_id"] = new("ordered in", ChildRequired: false, "Product in many line items"),
    };

    /// <summary>Where a table comes in reading order (each owner before what it owns); tables not listed come last.</summary>
    public static int ReadingRank(string table) => Array.IndexOf(TableOrder, table) is var index and >= 0 ? index : TableOrder.Length;

    /// <summary>Keyed by <c>owner ↔ other</c>, as the many-to-many table names them.</summary>
    public static IReadOnlyDictionary<string, string> ManyToMany { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["users ↔ products"] = "Users purchase products",
    };
}
