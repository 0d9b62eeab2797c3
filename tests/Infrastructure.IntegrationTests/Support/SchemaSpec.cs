namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>
/// The schema of shared/spec/database-schema.md, written the way the PostgreSQL catalog reports it
/// (format_type for types, information_schema.columns.column_default for defaults; TIMESTAMP is timestamptz).
/// </summary>
public static class SchemaSpec
{
    public const string HistoryTable = "__EFMigrationsHistory";

    public static readonly IReadOnlyList<string> Tables = ["users", "products", "orders", "line_items"];

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("users", "id", "uuid", false, "gen_random_uuid()"),
        new("users", "email", "character varying(255)", false, null),
        new("users", "password_hash", "character varying(255)", false, null),
        new("users", "name", "character varying(100)", false, null),
        new("users", "created_at", "timestamp with time zone", false, "now()"),
        new("users", "updated_at", "timestamp with time zone", false, "now()"),
        new("users", "is_administrator", "boolean", false, "false"),

        new("orders", "id", "uuid", false, "gen_random_uuid()"),
        new("orders", "user_id", "uuid", false, null),
        new("orders", "status", "character varying(50)", false, "'pending'::character varying"),
        new("orders", "total", "numeric(10,2)", false, "0.0"),
        new("orders", "created_at", "timestamp with time zone", false, "now()"),

        new("products", "id", "uuid", false, "gen_random_uuid()"),
        new("products", "name", "character varying(255)", false, null),
        new("products", "description", "text", true, null),
        new("products", "price", "numeric(10,2)", false, "0.0"),
        new("products", "stock", "integer", false, "0"),

        new("line_items", "id", "uuid", false, "gen_random_uuid()"),
        new("line_items", "order_id", "uuid", false, null),
        new("line_items", "product_id", "uuid", false, null),
        new("line_items", "quantity", "integer", false, "1"),
        new("line_items", "unit_price", "numeric(10,2)", false, null),
    ];

    public static readonly IReadOnlyList<IndexSpec> Indexes =
    [
        new("idx_users_email", "users", "email", true),
        new("idx_users_created", "users", "created_at", false),
        new("idx_products_name", "products", "name", false),
        new("idx_orders_user", "orders", "user_id", false),
        new("idx_orders_status", "orders", "status", false),
        new("idx_line_items_order", "line_items", "order_id", false),
    ];

    /// <summary>
    /// The indexes AddSearchIndex adds beyond the seed's six, by name and pg_indexes definition: case-insensitive
    /// substring search (trigram, with the pg_trgm extension) and the catalog order that keyset paging seeks in.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SearchIndexes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["idx_products_name_trgm"] = "CREATE INDEX idx_products_name_trgm ON public.products USING gin (name gin_trgm_ops)",
        ["idx_products_name_id"] = "CREATE INDEX idx_products_name_id ON public.products USING btree (name, id)",
    };

    /// <summary>The table AddIdempotencyKeys adds beyond the spec's four: the first outcome of each Idempotency-Key request.</summary>
    public const string IdempotencyTable = "idempotency_keys";

    public static readonly IReadOnlyList<ColumnSpec> IdempotencyColumns =
    [
        new(IdempotencyTable, "user_id", "uuid", false, null),
        new(IdempotencyTable, "route", "text", false, null),
        new(IdempotencyTable, "key_hash", "text", false, null),
        new(IdempotencyTable, "request_hash", "text", false, null),
        new(IdempotencyTable, "response", "jsonb", false, null),
        new(IdempotencyTable, "created_at", "timestamp with time zone", false, null),
    ];

    /// <summary>One record per user, route and key.</summary>
    public static readonly IReadOnlyList<string> IdempotencyKeyColumns = ["user_id", "route", "key_hash"];

    /// <summary>What the retention's removal seeks by.</summary>
    public const string IdempotencyIndex = "CREATE INDEX idx_idempotency_keys_created_at ON public.idempotency_keys USING btree (created_at)";

    /// <summary>The indexes the AddIndexes migration adds (all but the unique e-mail index, which Initial creates).</summary>
    public static readonly IReadOnlyList<string> PerformanceIndexes =
        ["idx_users_created", "idx_products_name", "idx_orders_user", "idx_orders_status", "idx_line_items_order"];

    public static readonly IReadOnlyList<ForeignKeySpec> ForeignKeys =
    [
        new("orders", "user_id", "users", "id", "CASCADE", "CASCADE"),
        new("line_items", "order_id", "orders", "id", "CASCADE", "CASCADE"),
        new("line_items", "product_id", "products", "id", "RESTRICT", "CASCADE"),
    ];

    /// <summary>The tables AddOutboxAndWebhooks adds beyond the spec's four: the outbox, subscriptions and deliveries.</summary>
    public static readonly IReadOnlyList<string> EventTables = ["outbox_messages", "webhook_subscriptions", "webhook_deliveries"];

    /// <summary>Their identity columns' sequences (the spec's tables have none).</summary>
    public static readonly IReadOnlyList<string> EventSequences = ["outbox_messages_position_seq", "webhook_deliveries_id_seq"];

    public static readonly IReadOnlyList<ColumnSpec> EventColumns =
    [
        new("outbox_messages", "id", "uuid", false, null),
        new("outbox_messages", "position", "bigint", false, null),
        new("outbox_messages", "type", "character varying(64)", false, null),
        new("outbox_messages", "resource_id", "uuid", false, null),
        new("outbox_messages", "data", "jsonb", false, null),
        new("outbox_messages", "occurred_at", "timestamp with time zone", false, null),
        new("outbox_messages", "traceparent", "character varying(55)", true, null),

        new("webhook_subscriptions", "id", "uuid", false, null),
        new("webhook_subscriptions", "url", "character varying(2000)", false, null),
        new("webhook_subscriptions", "events", "text[]", false, null),
        new("webhook_subscriptions", "secret", "character varying(64)", false, null),
        new("webhook_subscriptions", "created_at", "timestamp with time zone", false, null),

        new("webhook_deliveries", "id", "bigint", false, null),
        new("webhook_deliveries", "message_id", "uuid", false, null),
        new("webhook_deliveries", "subscription_id", "uuid", false, null),
        new("webhook_deliveries", "resource_id", "uuid", false, null),
        new("webhook_deliveries", "position", "bigint", false, null),
        new("webhook_deliveries", "state", "character varying(16)", false, "'pending'::character varying"),
        new("webhook_deliveries", "attempts", "integer", false, "0"),
        new("webhook_deliveries", "last_status_code", "integer", true, null),
        new("webhook_deliveries", "last_attempt_at", "timestamp with time zone", true, null),
        new("webhook_deliveries", "next_attempt_at", "timestamp with time zone", true, null),
        new("webhook_deliveries", "leased_until", "timestamp with time zone", true, null),
        new("webhook_deliveries", "lease_token", "uuid", true, null),
    ];

    public static readonly IReadOnlyDictionary<string, string> EventIndexes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["idx_outbox_messages_occurred_at"] = "CREATE INDEX idx_outbox_messages_occurred_at ON public.outbox_messages USING btree (occurred_at)",
        ["idx_webhook_deliveries_due"] = "CREATE INDEX idx_webhook_deliveries_due ON public.webhook_deliveries USING btree (next_attempt_at) WHERE ((state)::text = 'pending'::text)",
        ["idx_webhook_deliveries_pending"] = "CREATE INDEX idx_webhook_deliveries_pending ON public.webhook_deliveries USING btree (\"position\") WHERE ((state)::text = 'pending'::text)",
        ["idx_webhook_deliveries_message"] = "CREATE INDEX idx_webhook_deliveries_message ON public.webhook_deliveries USING btree (message_id)",
        ["idx_webhook_deliveries_resource_order"] = "CREATE INDEX idx_webhook_deliveries_resource_order ON public.webhook_deliveries USING btree (subscription_id, resource_id, \"position\") WHERE ((state)::text = 'pending'::text)",
        ["idx_webhook_deliveries_subscription"] = "CREATE INDEX idx_webhook_deliveries_subscription ON public.webhook_deliveries USING btree (subscription_id, \"position\")",
    };

    public static readonly IReadOnlyList<ForeignKeySpec> EventForeignKeys =
    [
        new("webhook_deliveries", "message_id", "outbox_messages", "id", "CASCADE", "NO ACTION"),
        new("webhook_deliveries", "subscription_id", "webhook_subscriptions", "id", "CASCADE", "NO ACTION"),
    ];

    public static TheoryData<string> TableData() => [.. Tables];

    public static TheoryData<string, string, string, bool, string?> ColumnData()
    {
        var data = new TheoryData<string, string, string, bool, string?>();
        foreach (var column in Columns)
        {
            data.Add(column.Table, column.Column, column.Type, column.Nullable, column.Default);
        }

        return data;
    }

    public static TheoryData<string, string> ColumnNameData()
    {
        var data = new TheoryData<string, string>();
        foreach (var column in Columns)
        {
            data.Add(column.Table, column.Column);
        }

        return data;
    }

    public static TheoryData<string, string, string, bool> IndexData()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var index in Indexes)
        {
            data.Add(index.Name, index.Table, index.Column, index.Unique);
        }

        return data;
    }

    public static TheoryData<string, string, string, string, string, string> ForeignKeyData()
    {
        var data = new TheoryData<string, string, string, string, string, string>();
        foreach (var key in ForeignKeys)
        {
            data.Add(key.Table, key.Column, key.ReferencedTable, key.ReferencedColumn, key.OnDelete, key.OnUpdate);
        }

        return data;
    }

    /// <summary>What pg_get_indexdef reports for an index of the spec: a plain b-tree on one column, no predicate.</summary>
    public static string IndexDefinition(IndexSpec index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return $"CREATE {(index.Unique ? "UNIQUE " : string.Empty)}INDEX {index.Name} ON public.{index.Table} USING btree ({index.Column})";
    }
}

public sealed record ColumnSpec(string Table, string Column, string Type, bool Nullable, string? Default);

public sealed record IndexSpec(string Name, string Table, string Column, bool Unique);

public sealed record ForeignKeySpec(
    string Table, string Column, string ReferencedTable, string ReferencedColumn, string OnDelete, string OnUpdate);
