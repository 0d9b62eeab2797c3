using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Schema;

/// <summary>
/// The migrations, up and down. The tests of this class share one database and run one after another;
/// each first migrates it to the state it needs, so their order does not matter.
/// </summary>
public sealed class MigrationTests : IClassFixture<EmptyDatabaseFixture>
{
    private readonly EmptyDatabaseFixture _fixture;

    public MigrationTests(EmptyDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task The_assembly_has_Initial_AddOrders_AddIndexes_AddSearchIndex_AddAdministrators_RepriceLineComments_AddIdempotencyKeys_and_AddOutboxAndWebhooks_in_that_order()
    {
        var migrations = await _fixture.InScopeAsync(services =>
            Task.FromResult(services.GetRequiredService<ShopDbContext>().Database.GetMigrations().ToList()));

        Assert.Collection(
            migrations,
            id => Assert.Matches(@"^\d{14}_Initial$", id),
            id => Assert.Matches(@"^\d{14}_AddOrders$", id),
            id => Assert.Matches(@"^\d{14}_AddIndexes$", id),
            id => Assert.Matches(@"^\d{14}_AddSearchIndex$", id),
            id => Assert.Matches(@"^\d{14}_AddAdministrators$", id),
            id => Assert.Matches(@"^\d{14}_RepriceLineComments$", id),
            id => Assert.Matches(@"^\d{14}_AddIdempotencyKeys$", id),
            id => Assert.Matches(@"^\d{14}_AddOutboxAndWebhooks$", id));
    }

    [Fact]
    public async Task The_model_has_no_changes_that_a_migration_does_not_hold()
    {
        var pending = await _fixture.InScopeAsync(services =>
            Task.FromResult(services.GetRequiredService<ShopDbContext>().Database.HasPendingModelChanges()));

        Assert.False(pending, "the EF model differs from ShopDbContextModelSnapshot: a migration is missing");
    }

    [Fact]
    public async Task History_holds_Initial_AddOrders_AddIndexes_AddSearchIndex_AddAdministrators_RepriceLineComments_AddIdempotencyKeys_and_AddOutboxAndWebhooks_in_that_order()
    {
        await MigrateAsync(null);

        var history = await PostgresCatalog.AppliedMigrationsAsync(_fixture);
        Assert.Collection(
            history,
            id => Assert.Matches(@"^\d{14}_Initial$", id),
            id => Assert.Matches(@"^\d{14}_AddOrders$", id),
            id => Assert.Matches(@"^\d{14}_AddIndexes$", id),
            id => Assert.Matches(@"^\d{14}_AddSearchIndex$", id),
            id => Assert.Matches(@"^\d{14}_AddAdministrators$", id),
            id => Assert.Matches(@"^\d{14}_RepriceLineComments$", id),
            id => Assert.Matches(@"^\d{14}_AddIdempotencyKeys$", id),
            id => Assert.Matches(@"^\d{14}_AddOutboxAndWebhooks$", id));

        var (applied, pending) = await _fixture.InScopeAsync(async services =>
        {
            var database = services.GetRequiredService<ShopDbContext>().Database;
            return ((await database.GetAppliedMigrationsAsync()).ToList(), (await database.GetPendingMigrationsAsync()).ToList());
        });
        Assert.Equal(history, applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task After_Initial_only_users_and_products_exist()
    {
        await MigrateAsync("Initial");

        Assert.Equal(
            ["__EFMigrationsHistory", "products", "users"],
            (await PostgresCatalog.TablesAsync(_fixture)).Order(StringComparer.Ordinal));
        Assert.Collection(
            await PostgresCatalog.AppliedMigrationsAsync(_fixture),
            id => Assert.EndsWith("_Initial", id, StringComparison.Ordinal));

        // The columns of the two tables are complete but for users.is_administrator (AddAdministrators).
        var columns = await PostgresCatalog.ColumnsAsync(_fixture);
        Assert.Equal(
            SchemaSpec.Columns.Where(column => column.Table is "users" or "products" && column.Column != "is_administrator")
                .Select(SchemaAssert.Describe).Order(StringComparer.Ordinal),
            columns.Where(column => column.Table != SchemaSpec.HistoryTable)
                .Select(column => SchemaAssert.Describe(new ColumnSpec(column.Table, column.Column, column.Type, column.Nullable, column.Default)))
                .Order(StringComparer.Ordinal));

        // The unique e-mail index is part of the table; the performance indexes come later.
        Assert.Equal(
            ["idx_users_email"],
            (await PostgresCatalog.IndexesAsync(_fixture)).Where(index => !index.Primary).Select(index => index.Name));
        Assert.Empty(await PostgresCatalog.ForeignKeysAsync(_fixture));
    }

    [Fact]
    public async Task After_AddOrders_orders_and_line_items_exist_but_not_the_performance_indexes()
    {
        await MigrateAsync("AddOrders");

        Assert.Equal(
            ["__EFMigrationsHistory", "line_items", "orders", "products", "users"],
            (await PostgresCatalog.TablesAsync(_fixture)).Order(StringComparer.Ordinal));
        Assert.Collection(
            await PostgresCatalog.AppliedMigrationsAsync(_fixture),
            id => Assert.EndsWith("_Initial", id, StringComparison.Ordinal),
            id => Assert.EndsWith("_AddOrders", id, StringComparison.Ordinal));

        var indexes = (await PostgresCatalog.IndexesAsync(_fixture)).Where(index => !index.Primary).Select(index => index.Name).ToList();
        Assert.Equal(["idx_users_email"], indexes);
        Assert.All(SchemaSpec.PerformanceIndexes, name => Assert.DoesNotContain(name, indexes));

        // The foreign keys, with their ON UPDATE CASCADE, come with the tables.
        Assert.Equal(
            SchemaSpec.ForeignKeys.Select(SchemaAssert.Describe).Order(StringComparer.Ordinal),
            (await PostgresCatalog.ForeignKeysAsync(_fixture))
                .Select(key => SchemaAssert.Describe(new ForeignKeySpec(
                    key.Table, string.Join(',', key.Columns), key.ReferencedTable, string.Join(',', key.ReferencedColumns), key.OnDelete, key.OnUpdate)))
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Down_to_AddOrders_removes_only_the_performance_indexes()
    {
        await MigrateAsync(null);
        await MigrateAsync("AddOrders");

        Assert.Equal(
            ["idx_users_email"],
            (await PostgresCatalog.IndexesAsync(_fixture)).Where(index => !index.Primary).Select(index => index.Name));
        Assert.Equal(5, (await PostgresCatalog.TablesAsync(_fixture)).Count);
    }

    [Fact]
    public async Task Down_to_zero_leaves_only_the_history_table_and_up_again_restores_the_full_schema()
    {
        await MigrateAsync(null);
        await MigrateAsync("0");

        Assert.Equal(["__EFMigrationsHistory"], await PostgresCatalog.TablesAsync(_fixture));
        Assert.Equal(["__EFMigrationsHistory (r)"], await PostgresCatalog.RelationsAsync(_fixture));
        Assert.Empty(await PostgresCatalog.AppliedMigrationsAsync(_fixture));

        await MigrateAsync(null);

        await SchemaAssert.MatchesSpecAsync(_fixture);
        var all = await _fixture.InScopeAsync(services =>
            Task.FromResult(services.GetRequiredService<ShopDbContext>().Database.GetMigrations().Count()));
        Assert.Equal(all, (await PostgresCatalog.AppliedMigrationsAsync(_fixture)).Count);
    }

    [Fact]
    public async Task AddSearchIndex_adds_pg_trgm_and_the_two_search_indexes_and_down_removes_only_the_indexes()
    {
        await MigrateAsync("AddIndexes");
        var seed = (await PostgresCatalog.IndexesAsync(_fixture)).Where(index => !index.Primary).Select(index => index.Name).ToList();
        Assert.Equal(SchemaSpec.Indexes.Select(index => index.Name).Order(StringComparer.Ordinal), seed.Order(StringComparer.Ordinal));

        await MigrateAsync("AddSearchIndex");
        var indexes = await PostgresCatalog.IndexesAsync(_fixture);
        foreach (var (name, definition) in SchemaSpec.SearchIndexes)
        {
            Assert.Equal(definition, Assert.Single(indexes, index => index.Name == name).PgIndexesDefinition);
        }

        Assert.Equal(1, await _fixture.ScalarAsync<long>("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"));

        await MigrateAsync("AddIndexes");
        Assert.Equal(
            seed.Order(StringComparer.Ordinal),
            (await PostgresCatalog.IndexesAsync(_fixture)).Where(index => !index.Primary).Select(index => index.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddAdministrators_makes_every_existing_user_a_customer_and_down_removes_only_the_column()
    {
        await MigrateAsync("AddSearchIndex");
        await _fixture.ExecuteAsync("DELETE FROM users");
        await _fixture.ExecuteAsync("INSERT INTO users (email, password_hash, name) VALUES ('before@example.test', 'hash', 'Before')");

        await MigrateAsync("AddAdministrators");
        Assert.False(await _fixture.ScalarAsync<bool>("SELECT is_administrator FROM users WHERE email = 'before@example.test'"));

        await MigrateAsync("AddSearchIndex");
        Assert.DoesNotContain(await PostgresCatalog.ColumnsAsync(_fixture), column => column.Column == "is_administrator");
        Assert.Equal(1L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'before@example.test'"));
        await _fixture.ExecuteAsync("DELETE FROM users");
    }

    [Fact]
    public async Task AddIdempotencyKeys_adds_only_idempotency_keys_and_down_removes_only_it()
    {
        await MigrateAsync("RepriceLineComments");
        var before = await PostgresCatalog.TablesAsync(_fixture);
        Assert.DoesNotContain(SchemaSpec.IdempotencyTable, before);

        await MigrateAsync("AddIdempotencyKeys");
        Assert.Equal(
            [.. before.Append(SchemaSpec.IdempotencyTable).Order(StringComparer.Ordinal)],
            (await PostgresCatalog.TablesAsync(_fixture)).Order(StringComparer.Ordinal));
        Assert.Equal(
            SchemaSpec.IdempotencyKeyColumns,
            Assert.Single(await PostgresCatalog.PrimaryKeysAsync(_fixture), key => key.Table == SchemaSpec.IdempotencyTable).Columns);

        await MigrateAsync("RepriceLineComments");
        Assert.Equal(before, await PostgresCatalog.TablesAsync(_fixture));
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_again_changes_nothing()
    {
        await MigrateAsync(null);
        var before = await PostgresCatalog.AppliedMigrationsAsync(_fixture);

        await _fixture.InScopeAsync(services => services.GetRequiredService<ShopDbContext>().Database.MigrateAsync());

        Assert.Equal(before, await PostgresCatalog.AppliedMigrationsAsync(_fixture));
        await SchemaAssert.MatchesSpecAsync(_fixture);
    }

    /// <summary>Migrates up or down to <paramref name="target"/> (a migration name, "0" for none, null for the latest).</summary>
    private Task MigrateAsync(string? target) =>
        _fixture.InScopeAsync(services =>
            services.GetRequiredService<ShopDbContext>().GetService<IMigrator>().MigrateAsync(target));
}
