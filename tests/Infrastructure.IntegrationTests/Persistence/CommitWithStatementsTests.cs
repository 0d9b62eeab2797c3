using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;
using Shop.Infrastructure.Catalog;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Statements sent with the COMMIT in one round trip (<see cref="UnitOfWork.CommitWithAsync"/>): all of them and the
/// transaction's earlier work commit together, or a required change that changes nothing rolls everything back.
/// </summary>
public sealed class CommitWithStatementsTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public CommitWithStatementsTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Every_required_change_and_the_earlier_work_are_committed_without_a_separate_commit()
    {
        var (first, firstStock, second, secondStock) = await TwoProductsAsync();

        var unchanged = await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<UnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var product = await services.GetRequiredService<IProductRepository>().GetByIdAsync(first.Id, CancellationToken.None);
            product!.Update("Renamed before the commit", product.Description, product.Price);
            return await unitOfWork.CommitWithAsync(
                [StockStatements.TakeOrFail(first.Id, 1), StockStatements.TakeOrFail(second.Id, 2)], _ => null, CancellationToken.None);
        });

        Assert.Null(unchanged);
        Assert.Equal(firstStock - 1, await StockAsync(first));
        Assert.Equal(secondStock - 2, await StockAsync(second));
        Assert.Equal("Renamed before the commit", await _fixture.ScalarAsync<string>("SELECT name FROM products WHERE id = $1", first.Id));
    }

    [Fact]
    public async Task A_required_change_that_changes_nothing_rolls_back_the_changes_before_it_and_is_named_by_its_index_with_what_was_read()
    {
        var (first, firstStock, second, secondStock) = await TwoProductsAsync();

        var unchanged = await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<UnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            return await unitOfWork.CommitWithAsync(
                [StockStatements.TakeOrFail(first.Id, 1), StockStatements.TakeOrFail(second.Id, secondStock + 1)],
                index => StockStatements.StockOf(index == 1 ? second.Id : first.Id),
                CancellationToken.None);
        });

        Assert.Equal(new UnchangedStatement(1, secondStock), unchanged);
        Assert.Equal(firstStock, await StockAsync(first));
        Assert.Equal(secondStock, await StockAsync(second));
    }

    [Fact]
    public async Task After_the_rollback_of_an_unchanged_statement_the_scope_can_still_read()
    {
        var product = await Seed.ProductAsync(_fixture, 1m);
        var stock = await StockAsync(product);

        var readAfterwards = await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<UnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var unchanged = await unitOfWork.CommitWithAsync([StockStatements.TakeOrFail(product.Id, stock + 1)], _ => null, CancellationToken.None);
            Assert.Equal(new UnchangedStatement(0, null), unchanged);
            return await services.GetRequiredService<IProductRepository>().GetManyAsync([product.Id], CancellationToken.None);
        });

        Assert.Equal(stock, Assert.Single(readAfterwards).Stock);
    }

    [Fact]
    public async Task Changing_a_tracked_entity_after_the_statements_committed_fails_instead_of_saving_outside_the_transaction()
    {
        var product = await Seed.ProductAsync(_fixture, 1m);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<UnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var tracked = await services.GetRequiredService<IProductRepository>().GetByIdAsync(product.Id, CancellationToken.None);
            await unitOfWork.CommitWithAsync([StockStatements.TakeOrFail(product.Id, 1)], _ => null, CancellationToken.None);
            tracked!.Update("Too late", tracked.Description, tracked.Price);
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
        }));

        Assert.Contains("committed", exception.Message, StringComparison.Ordinal);
        Assert.NotEqual("Too late", await _fixture.ScalarAsync<string>("SELECT name FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task The_product_rows_are_unlocked_when_the_payment_round_trip_returns()
    {
        var user = await Seed.UserAsync(_fixture);
        var product = await Seed.ProductAsync(_fixture, 3m);
        var order = Order.Place(user.Id, TimeProvider.System);
        order.AddItem(product.Id, product.Price, 1);
        await Seed.OrderAsync(_fixture, order);

        await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            var orders = services.GetRequiredService<IOrderRepository>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var loaded = await orders.GetForUpdateAsync(order.Id, CancellationToken.None);
            loaded!.ProcessPayment(loaded.Total);
            Assert.Null(await orders.CommitPaymentAsync(loaded, CancellationToken.None));

            // Still inside the command's scope, before the pipeline would have committed: another connection can
            // lock the product at once and sees the order paid.
            await using var other = new NpgsqlConnection(_fixture.ConnectionString);
            await other.OpenAsync();
            await using var locking = new NpgsqlCommand("SELECT stock FROM products WHERE id = $1 FOR UPDATE NOWAIT", other)
            {
                Parameters = { new NpgsqlParameter { Value = product.Id } },
            };
            Assert.NotNull(await locking.ExecuteScalarAsync());
        });

        Assert.Equal("paid", await _fixture.ScalarAsync<string>("SELECT status FROM orders WHERE id = $1", order.Id));
    }

    [Fact]
    public async Task A_paid_order_names_its_products_stale_and_a_refused_one_names_nothing_both_with_a_known_outcome()
    {
        var user = await Seed.UserAsync(_fixture);
        var plenty = await Seed.ProductAsync(_fixture, 3m, stock: 5);
        var scarce = await Seed.ProductAsync(_fixture, 3m, stock: 1);

        var paid = await PayAsync(user.Id, plenty, quantity: 2);
        var refused = await PayAsync(user.Id, scarce, quantity: 2);

        Assert.Null(paid.ShortOfStock);
        Assert.Equal(StaleCacheEntries.OfProduct(plenty.Id).Order(StringComparer.Ordinal), paid.Stale.Order(StringComparer.Ordinal));
        Assert.False(paid.OutcomeUnknown);
        Assert.Equal(new ShortOfStock(scarce.Id, 1), refused.ShortOfStock);
        Assert.Empty(refused.Stale);
        Assert.False(refused.OutcomeUnknown);
    }

    [Fact]
    public void Only_a_failure_the_database_answered_proves_a_commit_did_not_happen()
    {
        Assert.False(CommitOutcome.IsUnknownAfter(new PostgresException("could not serialize access", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure)));
        Assert.False(CommitOutcome.IsUnknownAfter(new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)));
        Assert.True(CommitOutcome.IsUnknownAfter(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(CommitOutcome.IsUnknownAfter(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.True(CommitOutcome.IsUnknownAfter(new OperationCanceledException()));
    }

    private async Task<(ShortOfStock? ShortOfStock, IReadOnlyList<string> Stale, bool OutcomeUnknown)> PayAsync(Guid userId, Product product, int quantity)
    {
        var order = Order.Place(userId, TimeProvider.System);
        order.AddItem(product.Id, product.Price, quantity);
        await Seed.OrderAsync(_fixture, order);
        return await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<UnitOfWork>();
            var orders = services.GetRequiredService<IOrderRepository>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var loaded = await orders.GetForUpdateAsync(order.Id, CancellationToken.None);
            loaded!.ProcessPayment(loaded.Total);
            var shortOfStock = await orders.CommitPaymentAsync(loaded, CancellationToken.None);
            return (shortOfStock, (IReadOnlyList<string>)[.. services.GetRequiredService<CacheInvalidation>().Keys], unitOfWork.CommitOutcomeUnknown);
        });
    }

    private async Task<(Product First, int FirstStock, Product Second, int SecondStock)> TwoProductsAsync()
    {
        var first = await Seed.ProductAsync(_fixture, 1m);
        var second = await Seed.ProductAsync(_fixture, 2m);
        return (first, await StockAsync(first), second, await StockAsync(second));
    }

    private Task<int> StockAsync(Product product) =>
        _fixture.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", product.Id);
}
