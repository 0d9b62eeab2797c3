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
