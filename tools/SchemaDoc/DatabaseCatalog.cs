using System.Data.Common;

namespace Shop.SchemaDoc;

internal sealed record CatalogColumn(string Name, string Type, bool Nullable, string? Default, string? Comment, int Position);

internal sealed record CatalogIndex(string Name, IReadOnlyList<string> Columns, bool Unique, bool Primary, string Method);

internal sealed record CatalogForeignKey(string Name, string Column, string ReferencedTable, string ReferencedColumn, string OnDelete, string OnUpdate);

internal sealed record CatalogTable(
    string Name, string? Comment, IReadOnlyList<CatalogColumn> Columns, IReadOnlyList<CatalogIndex> Indexes, IReadOnlyList<CatalogForeignKey> ForeignKeys);

internal sealed record AppliedMigration(string Id);

/// <summary>Reads the live schema of the public tables from the PostgreSQL catalog.</summary>
internal static class DatabaseCatalog
{
    public static async Task<IReadOnlyList<CatalogTable>> ReadTablesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var names = await QueryAsync(connection, """
            SELECT c.relname, obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '__EFMigrationsHistory'
            ORDER BY c.relname
            """, r => (Name: r.GetString(0), Comment: r.IsDBNull(1) ? null : r.GetString(1)), cancellationToken);

        var tables = new List<CatalogTable>();
        foreach (var (name, comment) in names)
        {
            var columns = await QueryAsync(connection, $"""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum), a.attnum
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = 'public.{name}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """, r => new CatalogColumn(r.GetString(0), r.GetString(1), r.GetBoolean(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt16(5)),
                cancellationToken);
            var indexes = await QueryAsync(connection, $"""
                SELECT i.relname, ix.indisunique, ix.indisprimary,
                       array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                           JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord), ','),
                       am.amname
                FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam
                WHERE ix.indrelid = 'public.{name}'::regclass
                ORDER BY i.relname
                """, r => new CatalogIndex(r.GetString(0), r.GetString(3).Split(','), r.GetBoolean(1), r.GetBoolean(2), r.GetString(4)),
                cancellationToken);
            var foreignKeys = await QueryAsync(connection, $"""
                SELECT con.conname, a.attname, rc.relname, ra.attname, con.confdeltype::text, con.confupdtype::text
                FROM pg_constraint con
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
                JOIN pg_class rc ON rc.oid = con.confrelid
                JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[1]
                WHERE con.contype = 'f' AND con.conrelid = 'public.{name}'::regclass
                ORDER BY a.attname
                """, r => new CatalogForeignKey(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                    ReferentialAction(r.GetString(4)), ReferentialAction(r.GetString(5))),
                cancellationToken);
            tables.Add(new CatalogTable(name, comment, columns, indexes, foreignKeys));
        }

        return tables;
    }

    public static async Task<IReadOnlyList<AppliedMigration>> ReadMigrationsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await QueryAsync(connection, """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """,
            r => new AppliedMigration(r.GetString(0)), cancellationToken);

    private static string ReferentialAction(string code) => code switch
    {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => code,
    };

    private static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names come from the catalog itself, never from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
