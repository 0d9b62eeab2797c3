using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;
using Shop.SchemaDoc;
using Shop.TestSupport;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>docs/database-schema.md is what tools/SchemaDoc (bash scripts/schema-doc.sh) produces from the current code and migrations.</summary>
public sealed class SchemaDocumentTests : IAsyncLifetime
{
    /// <summary>What a stale document's failure says besides the differences: how to regenerate it, and what makes it stale.</summary>
    public const string StaleAdvice =
        "docs/database-schema.md is stale: regenerate it with `bash scripts/schema-doc.sh` (a throwaway PostgreSQL, no servers "
        + "needed; or set ConnectionStrings__Postgres) and commit it. It is written from the migrations, the EF Core model, "
        + "the column and table comments, CacheKeys.Patterns and the entities' public methods: a public method added to (or "
        + "removed from) an entity changes the document's key methods (the ORM Models table), as a migration, a comment, an "
        + "index or a cache key changes the rest.";

    private TestServers _servers = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _connectionString = await _servers.CreateDatabaseAsync("schema_doc");
        await using var context = CreateContext();
        await context.Database.MigrateAsync();
    }

    public Task DisposeAsync() => _servers.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Committed_schema_document_matches_what_schema_doc_generates()
    {
        await using var context = CreateContext();
        var generated = await SchemaDocument.GenerateAsync(context);
        var committedPath = Path.Combine(Repository.Root, "docs", "database-schema.md");

        var committed = (await File.ReadAllTextAsync(committedPath)).ReplaceLineEndings("\n");

        Assert.True(
            committed == generated,
            $"{StaleAdvice}\nThe first differences (- committed, + generated):\n{TextDiff.FirstDifferences(committed, generated)}");
    }

    [Fact]
    public async Task Generated_document_reports_full_coverage_and_every_table()
    {
        await using var context = CreateContext();
        var generated = await SchemaDocument.GenerateAsync(context);

        Assert.Contains("| Tables Documented | 8/8 (100%) | 100% | ✓ |", generated, StringComparison.Ordinal);
        Assert.Contains("| Columns with Descriptions | 52/52 (100%) | 100% | ✓ |", generated, StringComparison.Ordinal);
        Assert.Contains("| Relationships Mapped | 5/5 (100%) | 100% | ✓ |", generated, StringComparison.Ordinal);
        Assert.Contains("| Indexes Documented | 15/15 (100%) | 100% | ✓ |", generated, StringComparison.Ordinal);
        Assert.Contains("| idx_products_name_trgm | name | INDEX (GIN) | Case-insensitive substring search (GIN, pg_trgm) |", generated, StringComparison.Ordinal);
        Assert.Contains("| idx_products_name_id | name, id | INDEX | Catalog order and keyset (cursor) paging |", generated, StringComparison.Ordinal);
        foreach (var table in new[] { "users", "products", "orders", "line_items", "idempotency_keys", "outbox_messages", "webhook_subscriptions", "webhook_deliveries" })
        {
            Assert.Contains($"### {table}\n", generated, StringComparison.Ordinal);
        }

        Assert.Contains("| `cache:product:{id}` | 15m | Product details | JSON object |", generated, StringComparison.Ordinal);
        Assert.Contains("    ORDER ||--|{ LINE_ITEM : contains\n", generated, StringComparison.Ordinal);
        Assert.Contains("| line_items | product_id | products | id | one-to-many | Product in many line items |", generated, StringComparison.Ordinal);
        Assert.Matches(@"\| \d{14}_Initial \| \d{4}-\d{2}-\d{2} \| Initial schema with users, products \|", generated);
        Assert.Matches(@"\| \d{14}_AddSearchIndex \| \d{4}-\d{2}-\d{2} \| Add pg_trgm, a trigram index for name search and a \(name, id\) index for keyset paging \|", generated);
    }

    [Fact]
    public async Task A_column_without_a_comment_shows_up_as_missing()
    {
        await using var context = CreateContext();
        await context.Database.ExecuteSqlRawAsync("COMMENT ON COLUMN products.stock IS NULL");

        var generated = await SchemaDocument.GenerateAsync(context);

        Assert.Contains("| Columns with Descriptions | 51/52 (98%) | 100% | ✗ |", generated, StringComparison.Ordinal);
        Assert.Contains("| products | stock | No description |", generated, StringComparison.Ordinal);
    }

    private ShopDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<ShopDbContext>();
        options.UseShopDatabase(_connectionString);
        return new ShopDbContext(options.Options);
    }
}
