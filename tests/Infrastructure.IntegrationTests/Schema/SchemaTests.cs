using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Schema;

/// <summary>The migrated schema, read from the PostgreSQL catalog, against shared/spec/database-schema.md.</summary>
public sealed class SchemaTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public SchemaTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Tables => SchemaSpec.TableData();

    public static TheoryData<string, string, string, bool, string?> Columns => SchemaSpec.ColumnData();

    public static TheoryData<string, string> ColumnNames => SchemaSpec.ColumnNameData();

    public static TheoryData<string, string, string, bool> Indexes => SchemaSpec.IndexData();

    public static TheoryData<string, string, string, string, string, string> ForeignKeys => SchemaSpec.ForeignKeyData();

    [Fact]
    public async Task Only_the_four_tables_idempotency_keys_the_event_tables_and_the_migrations_history_exist()
    {
        Assert.Equal(
            ["__EFMigrationsHistory", "idempotency_keys", "line_items", "orders", "outbox_messages", "products", "users", "webhook_deliveries", "webhook_subscriptions"],
            (await PostgresCatalog.TablesAsync(_fixture)).Order(StringComparer.Ordinal));

        // No views or other relations either (relkind r = ordinary table); the only sequences are the event tables' identities.
        Assert.Equal(
            [
                "__EFMigrationsHistory (r)", "idempotency_keys (r)", "line_items (r)", "orders (r)", "outbox_messages (r)", "outbox_messages_position_seq (S)",
                "products (r)", "users (r)", "webhook_deliveries (r)", "webhook_deliveries_id_seq (S)", "webhook_subscriptions (r)",
            ],
            (await PostgresCatalog.RelationsAsync(_fixture)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Table_has_exactly_the_columns_of_the_spec(string table)
    {
        var expected = SchemaSpec.Columns.Where(column => column.Table == table).Select(column => column.Column);
        var actual = (await PostgresCatalog.ColumnsAsync(_fixture)).Where(column => column.Table == table).Select(column => column.Column);

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task Column_has_the_type_nullability_and_default_of_the_spec(
        string table, string column, string type, bool nullable, string? defaultValue)
    {
        var actual = Assert.Single(
            await PostgresCatalog.ColumnsAsync(_fixture),
            candidate => candidate.Table == table && candidate.Column == column);

        Assert.Equal(type, actual.Type);
        Assert.Equal(nullable, actual.Nullable);
        Assert.Equal(defaultValue, actual.Default);
    }

    [Theory]
    [MemberData(nameof(ColumnNames))]
    public async Task Column_has_a_comment(string table, string column)
    {
        var actual = Assert.Single(
            await PostgresCatalog.ColumnsAsync(_fixture),
            candidate => candidate.Table == table && candidate.Column == column);

        Assert.False(string.IsNullOrWhiteSpace(actual.Comment), $"{table}.{column} has no comment");
    }

    [Fact]
    public async Task Every_column_of_the_four_tables_has_a_comment()
    {
        var columns = (await PostgresCatalog.ColumnsAsync(_fixture)).Where(column => SchemaSpec.Tables.Contains(column.Table)).ToList();

        Assert.Equal(SchemaSpec.Columns.Count, columns.Count);
        Assert.All(columns, column => Assert.False(string.IsNullOrWhiteSpace(column.Comment), $"{column.Table}.{column.Column} has no comment"));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Table_has_a_comment(string table) =>
        Assert.False(string.IsNullOrWhiteSpace(await PostgresCatalog.TableCommentAsync(_fixture, table)), $"{table} has no comment");

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Primary_key_is_id(string table)
    {
        var key = Assert.Single(await PostgresCatalog.PrimaryKeysAsync(_fixture), candidate => candidate.Table == table);
        Assert.Equal(["id"], key.Columns);

        var index = Assert.Single(await PostgresCatalog.IndexesAsync(_fixture), candidate => candidate.Table == table && candidate.Primary);
        Assert.True(index.Unique);
        Assert.Equal(["id"], index.Columns);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public async Task Index_exists_as_the_spec_says(string name, string table, string column, bool unique)
    {
        var index = Assert.Single(await PostgresCatalog.IndexesAsync(_fixture), candidate => candidate.Name == name);

        Assert.Equal(table, index.Table);
        Assert.Equal([column], index.Columns);
        Assert.Equal(unique, index.Unique);
        Assert.False(index.Primary);
        var definition = SchemaSpec.IndexDefinition(new IndexSpec(name, table, column, unique));
        Assert.Equal(definition, index.Definition);
        Assert.Equal(definition, index.PgIndexesDefinition);
    }

    [Fact]
    public async Task The_search_indexes_and_pg_trgm_exist()
    {
        var indexes = await PostgresCatalog.IndexesAsync(_fixture);

        foreach (var (name, definition) in SchemaSpec.SearchIndexes)
        {
            Assert.Equal(definition, Assert.Single(indexes, index => index.Name == name).PgIndexesDefinition);
        }

        Assert.Equal(1, await _fixture.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"));
    }

    [Fact]
    public async Task No_index_exists_but_the_primary_keys_and_those_of_the_spec()
    {
        var indexes = await PostgresCatalog.IndexesAsync(_fixture);

        Assert.Equal(
            SchemaSpec.Indexes.Select(index => index.Name).Concat(SchemaSpec.SearchIndexes.Keys).Append("idx_idempotency_keys_created_at")
                .Concat(SchemaSpec.EventIndexes.Keys).Order(StringComparer.Ordinal),
            indexes.Where(index => !index.Primary).Select(index => index.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "PK___EFMigrationsHistory", "PK_idempotency_keys", "PK_line_items", "PK_orders", "PK_outbox_messages", "PK_products", "PK_users",
                "PK_webhook_deliveries", "PK_webhook_subscriptions",
            ],
            indexes.Where(index => index.Primary).Select(index => index.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ForeignKeys))]
    public async Task Foreign_key_exists_with_the_actions_of_the_spec(
        string table, string column, string referencedTable, string referencedColumn, string onDelete, string onUpdate)
    {
        var key = Assert.Single(
            await PostgresCatalog.ForeignKeysAsync(_fixture),
            candidate => candidate.Table == table && candidate.Columns.SequenceEqual([column]));

        Assert.Equal(referencedTable, key.ReferencedTable);
        Assert.Equal([referencedColumn], key.ReferencedColumns);
        Assert.Equal(onDelete, key.OnDelete);
        Assert.Equal(onUpdate, key.OnUpdate);
        Assert.Equal(onDelete, key.InformationSchemaDeleteRule);
        Assert.Equal(onUpdate, key.InformationSchemaUpdateRule);
        Assert.Equal(column, key.InformationSchemaColumns);
    }

    [Fact]
    public async Task No_foreign_key_exists_but_those_of_the_spec()
    {
        var keys = await PostgresCatalog.ForeignKeysAsync(_fixture);

        Assert.Equal(
            SchemaSpec.ForeignKeys.Concat(SchemaSpec.EventForeignKeys).Select(key => $"{key.Table}.{key.Column}").Order(StringComparer.Ordinal),
            keys.Select(key => $"{key.Table}.{string.Join(',', key.Columns)}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_whole_schema_matches_the_spec() => await SchemaAssert.MatchesSpecAsync(_fixture);
}
