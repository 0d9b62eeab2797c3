namespace Shop.SchemaDoc;

/// <summary>Why each index exists; the schema document's coverage report counts an index without one as undocumented.</summary>
internal static class IndexPurposes
{
    public static IReadOnlyDictionary<string, string> ByName { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["idx_users_email"] = "Fast email lookup",
        ["idx_users_created"] = "Sorting by date",
        ["idx_orders_user"] = "User's orders lookup",
        ["idx_orders_status"] = "Filter by status",
        ["idx_products_name"] = "Search by name",
        ["idx_line_items_order"] = "Order items lookup",
        ["idx_products_name_trgm"] = "Case-insensitive substring search (GIN, pg_trgm)",
        ["idx_products_name_id"] = "Catalog order and keyset (cursor) paging",
        ["idx_outbox_messages_occurred_at"] = "Retention: delete delivered messages past their time",
        ["idx_webhook_deliveries_due"] = "When the next pending delivery falls due (partial)",
        ["idx_webhook_deliveries_pending"] = "The relay's claim: pending deliveries in position order, up to its limit (partial)",
        ["idx_webhook_deliveries_resource_order"] = "Per-resource order: is an earlier delivery still pending (partial)",
        ["idx_webhook_deliveries_subscription"] = "A subscription's deliveries list, in order",
        ["idx_webhook_deliveries_message"] = "A message's deliveries (cascade delete, retention)",
        ["idx_idempotency_keys_created_at"] = "Removal of records past their 24 hours",
    };
}
