namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>Whole-schema comparisons of a database against <see cref="SchemaSpec"/>.</summary>
public static class SchemaAssert
{
    /// <summary>Tables, columns, primary keys, indexes, foreign keys and comments are exactly those of the spec.</summary>
    public static async Task MatchesSpecAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);

        Assert.Equal(
            [.. SchemaSpec.Tables.Concat(SchemaSpec.EventTables).Append(SchemaSpec.IdempotencyTable).Append(SchemaSpec.HistoryTable).Order(StringComparer.Ordinal)],
            (await PostgresCatalog.TablesAsync(fixture)).Order(StringComparer.Ordinal));

        var columns = (await PostgresCatalog.ColumnsAsync(fixture))
            .Where(column => column.Table != SchemaSpec.HistoryTable)
            .ToList();
        Assert.Equal(
            SchemaSpec.Columns.Concat(SchemaSpec.IdempotencyColumns).Concat(SchemaSpec.EventColumns).Select(Describe).Order(StringComparer.Ordinal),
            columns.Select(column => Describe(new ColumnSpec(column.Table, column.Column, column.Type, column.Nullable, column.Default)))
                .Order(StringComparer.Ordinal));
        Assert.All(columns, column => Assert.False(string.IsNullOrWhiteSpace(column.Comment), $"{column.Table}.{column.Column} has no comment"));

        foreach (var table in SchemaSpec.Tables.Concat(SchemaSpec.EventTables).Append(SchemaSpec.IdempotencyTable))
        {
            Assert.False(string.IsNullOrWhiteSpace(await PostgresCatalog.TableCommentAsync(fixture, table)), $"{table} has no comment");
        }

        Assert.Equal(
            SchemaSpec.Tables.Concat(SchemaSpec.EventTables).Select(table => $"{table}(id)")
                .Append($"{SchemaSpec.IdempotencyTable}({string.Join(',', SchemaSpec.IdempotencyKeyColumns)})")
                .Append($"{SchemaSpec.HistoryTable}(MigrationId)").Order(StringComparer.Ordinal),
            (await PostgresCatalog.PrimaryKeysAsync(fixture)).Select(key => $"{key.Table}({string.Join(',', key.Columns)})").Order(StringComparer.Ordinal));

        Assert.Equal(
            SchemaSpec.Indexes.Select(SchemaSpec.IndexDefinition).Concat(SchemaSpec.SearchIndexes.Values).Append(SchemaSpec.IdempotencyIndex).Concat(SchemaSpec.EventIndexes.Values)
                .Order(StringComparer.Ordinal),
            (await PostgresCatalog.IndexesAsync(fixture)).Where(index => !index.Primary).Select(index => index.Definition).Order(StringComparer.Ordinal));

        Assert.Equal(
            SchemaSpec.ForeignKeys.Concat(SchemaSpec.EventForeignKeys).Select(Describe).Order(StringComparer.Ordinal),
            (await PostgresCatalog.ForeignKeysAsync(fixture))
                .Select(key => Describe(new ForeignKeySpec(
                    key.Table, string.Join(',', key.Columns), key.ReferencedTable, string.Join(',', key.ReferencedColumns), key.OnDelete, key.OnUpdate)))
                .Order(StringComparer.Ordinal));
    }

    public static string Describe(ColumnSpec column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return $"{column.Table}.{column.Column} {column.Type} {(column.Nullable ? "NULL" : "NOT NULL")} DEFAULT {column.Default ?? "(none)"}";
    }

    public static string Describe(ForeignKeySpec key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key.Table}.{key.Column} -> {key.ReferencedTable}.{key.ReferencedColumn} ON DELETE {key.OnDelete} ON UPDATE {key.OnUpdate}";
    }
}
