using Microsoft.EntityFrameworkCore;
using Shop.Infrastructure.Persistence;
using Shop.SchemaDoc;
using Shop.TestSupport;

namespace Shop.Infrastructure.IntegrationTests;

/// <summary>
/// tools/SchemaDoc as scripts/schema-doc.sh runs it (what the WebApi's former `schema-doc` verb did): given a
/// database in ConnectionStrings__Postgres, it applies the migrations and writes the document.
/// </summary>
public sealed class SchemaDocToolTests : IAsyncLifetime
{
    private TestServers _servers = null!;
    private string _connectionString = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _connectionString = await _servers.CreateDatabaseAsync("schema_doc_tool");
        _directory = Directory.CreateTempSubdirectory("shop-schema-doc-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _servers.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Given_an_empty_database_it_applies_the_migrations_and_writes_the_document_read_from_it()
    {
        var path = Path.Combine(_directory, "docs", "schema.md");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SchemaDocProgram.RunAsync(["--output", path], _connectionString, output, error);

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        Assert.Contains($"Wrote {path}", output.ToString(), StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(path);
        await using var context = CreateContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(await SchemaDocument.GenerateAsync(context), written);
        foreach (var table in new[] { "users", "products", "orders", "line_items" })
        {
            Assert.Contains($"### {table}\n", written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_argument_exits_2_and_writes_nothing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SchemaDocProgram.RunAsync(["--ouput", Path.Combine(_directory, "x.md")], _connectionString, output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown argument '--ouput'", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public async Task An_unreachable_database_exits_1_with_one_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SchemaDocProgram.RunAsync(
            ["--output", Path.Combine(_directory, "x.md")], "Host=127.0.0.1;Port=1;Database=shop;Username=shop;Timeout=2", output, error);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("schema-doc: PostgreSQL could not be reached", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    private ShopDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<ShopDbContext>();
        options.UseShopDatabase(_connectionString);
        return new ShopDbContext(options.Options);
    }
}
