using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.Catalog.SearchProducts;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.Infrastructure.Catalog;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Persistence.Replication;
using ZiggyCreatures.Caching.Fusion;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The plans PostgreSQL chooses for the statements ProductQueries really sends, on 20,000 analysed products:
/// searches read the trigram index and keyset pages seek in (name, id), instead of scanning the table.
/// </summary>
public sealed class ProductSearchPlanTests : IClassFixture<MigratedDatabaseFixture>, IAsyncLifetime
{
    private const int Rows = 20_000;
    private readonly MigratedDatabaseFixture _fixture;

    public ProductSearchPlanTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    public async Task InitializeAsync()
    {
        if (await _fixture.ScalarAsync<long>("SELECT count(*) FROM products") < Rows)
        {
            await _fixture.ExecuteAsync($"""
                INSERT INTO products (id, name, price, stock)
                SELECT gen_random_uuid(), 'Product ' || md5(g::text), 1, g % 5 FROM generate_series(1, {Rows}) g
                """);
            // As autovacuum leaves a table after a bulk insert: statistics, and the visibility map index-only scans need.
            await _fixture.ExecuteAsync("VACUUM ANALYZE products");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("zzqqxx")] // no match
    [InlineData("c4ca42")] // md5('1') starts so: a few matches
    [InlineData("C4CA42")] // the same, in another case
    public async Task A_search_reads_the_trigram_index_in_every_statement(string term)
    {
        var statements = await StatementsOfAsync(new ProductSearch(term, 1, 20));

        Assert.Equal(2, statements.Count); // the bounded count and the page
        foreach (var statement in statements)
        {
            var plan = await ExplainAsync(statement);
            Assert.Contains("idx_products_name_trgm", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_keyset_page_seeks_in_the_name_id_index()
    {
        var after = new ProductCursor("Product 8", Guid.Empty);

        var statements = await StatementsOfAsync(new ProductSearch(null, 1, 20, after));

        var plan = await ExplainAsync(statements[^1]);
        Assert.Contains("Index Scan using idx_products_name_id", plan, StringComparison.Ordinal);
        Assert.Contains("Index Cond: (ROW((name)::text, id) > ROW(", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deep_numbered_page_skips_its_rows_in_the_name_id_index_alone()
    {
        var statements = await StatementsOfAsync(new ProductSearch(null, 500, 20));

        var plan = await ExplainAsync(statements[^1]);
        Assert.Contains("Index Only Scan using idx_products_name_id", plan, StringComparison.Ordinal);
        Assert.Contains("Index Scan using \"PK_products\"", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deep_numbered_page_answers_the_rows_at_its_offset_in_order()
    {
        var page = await SearchAsync(new ProductSearch(null, 500, 20));

        var expected = await _fixture.QueryAsync(
            "SELECT id FROM products ORDER BY name, id OFFSET 9980 LIMIT 20", reader => reader.GetGuid(0));
        Assert.Equal(expected, page.Items.Select(item => item.Id));
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task The_search_finds_the_same_rows_by_index_as_by_a_scan()
    {
        var page = await SearchAsync(new ProductSearch("C4CA42", 1, 100));

        var scanned = await _fixture.QueryAsync(
            "SELECT id FROM products WHERE lower(name) LIKE '%c4ca42%' ORDER BY name, id", reader => reader.GetGuid(0));
        Assert.NotEmpty(scanned);
        Assert.Equal(scanned, page.Items.Select(item => item.Id));
        Assert.Equal(scanned.Count, page.TotalCount);
    }

    private async Task<List<NpgsqlCommand>> StatementsOfAsync(ProductSearch search)
    {
        var recorder = new StatementRecorder();
        await SearchAsync(search, recorder);
        return recorder.Statements;
    }

    private async Task<Application.Pagination.PagedResponse<Application.Catalog.ProductResponse>> SearchAsync(
        ProductSearch search, IInterceptor? interceptor = null)
    {
        var replicaOptions = new DbContextOptionsBuilder<ShopReadDbContext>();
        replicaOptions.UseShopDatabase(_fixture.ConnectionString);
        if (interceptor is not null)
        {
            replicaOptions.AddInterceptors(interceptor);
        }

        var primaryOptions = new DbContextOptionsBuilder<ShopDbContext>();
        primaryOptions.UseShopDatabase(_fixture.ConnectionString);
        await using var replica = new ShopReadDbContext(replicaOptions.Options);
        await using var primary = new ShopDbContext(primaryOptions.Options);
        // No replica apart from the primary: the routing reads from the replica context, whose SQL is recorded.
        var noReplica = new ReplicaPosition(
            new ReplicaSettings(_fixture.ConnectionString, _fixture.ConnectionString), TimeProvider.System, NullLogger<ReplicaPosition>.Instance);
        await using var contexts = new ServiceCollection().AddSingleton(primary).AddSingleton(replica).BuildServiceProvider();
        var queries = new ProductQueries(
            new PrimaryReads(contexts), new ReplicaReads(contexts, noReplica, new ReadYourWrites()), Options.Create(new CatalogOptions()));
        return await queries.SearchAsync(search, CancellationToken.None);
    }

    private async Task<string> ExplainAsync(NpgsqlCommand statement)
    {
        await using var connection = new NpgsqlConnection(_fixture.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + statement.CommandText, connection);
        foreach (NpgsqlParameter parameter in statement.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>Keeps a copy of every query EF Core sends (the count estimate's own EXPLAIN aside).</summary>
    private sealed class StatementRecorder : DbCommandInterceptor
    {
        public List<NpgsqlCommand> Statements { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            if (!command.CommandText.StartsWith("EXPLAIN", StringComparison.Ordinal))
            {
                Statements.Add(((NpgsqlCommand)command).Clone());
            }
        }
    }
}
