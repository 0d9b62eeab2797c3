namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>What the PostgreSQL catalog says about the public schema of a fixture's database.</summary>
public static class PostgresCatalog
{
    /// <summary>Every relation (table, view, sequence, ...) in the public schema, other than indexes.</summary>
    public static async Task<List<string>> RelationsAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await fixture.QueryAsync(
            """
            SELECT c.relname || ' (' || c.relkind::text || ')'
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind NOT IN ('i', 'I')
            ORDER BY c.relname
            """,
            reader => reader.GetString(0));
    }

    /// <summary>The base tables of the public schema.</summary>
    public static async Task<List<string>> TablesAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await fixture.QueryAsync(
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            ORDER BY table_name
            """,
            reader => reader.GetString(0));
    }

    public static async Task<List<ColumnInfo>> ColumnsAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await fixture.QueryAsync(
            """
            SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod), c.is_nullable, c.column_default,
                   col_description(a.attrelid, a.attnum)
            FROM information_schema.columns c
            JOIN pg_attribute a
              ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
             AND a.attname = c.column_name
            WHERE c.table_schema = 'public'
            ORDER BY c.table_name, c.ordinal_position
            """,
            reader => new ColumnInfo(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3) == "YES",
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
    }

    /// <summary>Every index of the public schema, primary keys included.</summary>
    public static async Task<List<IndexInfo>> IndexesAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await fixture.QueryAsync(
            """
            SELECT i.relname, t.relname, ix.indisunique, ix.indisprimary,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                         ORDER BY k.ord),
                   pg_get_indexdef(ix.indexrelid),
                   pi.indexdef
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_indexes pi ON pi.schemaname = n.nspname AND pi.indexname = i.relname
            WHERE n.nspname = 'public'
            ORDER BY i.relname
            """,
            reader => new IndexInfo(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetBoolean(2),
                reader.GetBoolean(3),
                reader.GetFieldValue<string[]>(4),
                reader.GetString(5),
                reader.GetString(6)));
    }

    /// <summary>The primary key constraints of the public schema.</summary>
    public static async Task<List<PrimaryKeyInfo>> PrimaryKeysAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await fixture.QueryAsync(
            """
            SELECT t.relname, con.conname,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                         ORDER BY k.ord)
            FROM pg_constraint con
            JOIN pg_class t ON t.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND con.contype = 'p'
            ORDER BY t.relname
            """,
            reader => new PrimaryKeyInfo(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
    }

    /// <summary>
    /// The foreign keys of the public schema, from pg_constraint (confdeltype/confupdtype) and, as a cross-check,
    /// information_schema.referential_constraints + key_column_usage.
    /// </summary>
    public static async Task<List<ForeignKeyInfo>> ForeignKeysAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await fixture.QueryAsync(
            """
            SELECT con.conname, t.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   rt.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   con.confdeltype::text, con.confupdtype::text,
                   rc.delete_rule, rc.update_rule,
                   (SELECT string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position)
                    FROM information_schema.key_column_usage kcu
                    WHERE kcu.constraint_schema = n.nspname AND kcu.constraint_name = con.conname)
            FROM pg_constraint con
            JOIN pg_class t ON t.oid = con.conrelid
            JOIN pg_class rt ON rt.oid = con.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN information_schema.referential_constraints rc
              ON rc.constraint_schema = n.nspname AND rc.constraint_name = con.conname
            WHERE n.nspname = 'public' AND con.contype = 'f'
            ORDER BY con.conname
            """,
            reader => new ForeignKeyInfo(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<string[]>(2),
                reader.GetString(3),
                reader.GetFieldValue<string[]>(4),
                Action(reader.GetString(5)),
                Action(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
    }

    /// <summary>The comment of a table (obj_description), or null.</summary>
    public static async Task<string?> TableCommentAsync(InfrastructureFixture fixture, string table)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var rows = await fixture.QueryAsync(
            """
            SELECT obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relname = $1 AND c.relkind = 'r'
            """,
            reader => reader.IsDBNull(0) ? null : reader.GetString(0),
            table);
        return Assert.Single(rows);
    }

    /// <summary>The applied migrations, as __EFMigrationsHistory holds them, in the order of their ids.</summary>
    public static async Task<List<string>> AppliedMigrationsAsync(InfrastructureFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return await fixture.QueryAsync(
            "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"",
            reader => reader.GetString(0));
    }

    private static string Action(string code) => code switch
    {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => $"unknown '{code}'",
    };
}

public sealed record ColumnInfo(string Table, string Column, string Type, bool Nullable, string? Default, string? Comment);

public sealed record IndexInfo(
    string Name, string Table, bool Unique, bool Primary, string[] Columns, string Definition, string PgIndexesDefinition);

public sealed record PrimaryKeyInfo(string Table, string Name, string[] Columns);

public sealed record ForeignKeyInfo(
    string Name,
    string Table,
    string[] Columns,
    string ReferencedTable,
    string[] ReferencedColumns,
    string OnDelete,
    string OnUpdate,
    string? InformationSchemaDeleteRule,
    string? InformationSchemaUpdateRule,
    string? InformationSchemaColumns);
