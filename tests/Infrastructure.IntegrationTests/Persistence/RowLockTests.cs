using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// SELECT ... FOR UPDATE through the repositories: a second transaction that wants the same row waits until the first ends.
/// The order of events is read from a TaskCompletionSource and from pg_blocking_pids, never from elapsed time.
/// </summary>
public sealed class RowLockTests : IClassFixture<MigratedDatabaseFixture>
{
    /// <summary>Only a guard against hanging forever: no assertion depends on how long anything takes.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly MigratedDatabaseFixture _fixture;

    public RowLockTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_second_transaction_locking_the_same_product_waits_until_the_first_commits()
    {
        var product = await Seed.ProductAsync(_fixture, 5m, stock: 10);

        var (firstHadEnded, stockSeenBySecond) = await RaceAsync(
            first: async services =>
            {
                var locked = Assert.Single(await services.GetRequiredService<IProductRepository>().GetForUpdateAsync([product.Id], CancellationToken.None));
                Assert.Equal(10, locked.Stock);
                return async () =>
                {
                    locked.UpdateStock(-3);
                    await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
                };
            },
            second: async services =>
                Assert.Single(await services.GetRequiredService<IProductRepository>().GetForUpdateAsync([product.Id], CancellationToken.None)).Stock,
            commitFirst: true);

        Assert.True(firstHadEnded, "the second transaction got the row lock before the first one committed");
        Assert.Equal(7, stockSeenBySecond); // it read the row as the first transaction left it
        Assert.Equal(7, await _fixture.ScalarAsync<int>("SELECT stock FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task A_second_transaction_locking_the_same_product_waits_until_the_first_rolls_back()
    {
        var product = await Seed.ProductAsync(_fixture, 5m, stock: 10);

        var (firstHadEnded, stockSeenBySecond) = await RaceAsync(
            first: async services =>
            {
                var locked = Assert.Single(await services.GetRequiredService<IProductRepository>().GetForUpdateAsync([product.Id], CancellationToken.None));
                return async () =>
                {
                    locked.UpdateStock(-10);
                    await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
                };
            },
            second: async services =>
                Assert.Single(await services.GetRequiredService<IProductRepository>().GetForUpdateAsync([product.Id], CancellationToken.None)).Stock,
            commitFirst: false);

        Assert.True(firstHadEnded, "the second transaction got the row lock before the first one rolled back");
        Assert.Equal(10, stockSeenBySecond);
    }

    [Fact]
    public async Task Locking_a_set_of_products_waits_for_a_transaction_holding_any_one_of_them()
    {
        var a = await Seed.ProductAsync(_fixture, 1m, stock: 5);
        var b = await Seed.ProductAsync(_fixture, 1m, stock: 5);

        var (firstHadEnded, seen) = await RaceAsync(
            first: async services =>
            {
                var locked = Assert.Single(await services.GetRequiredService<IProductRepository>().GetForUpdateAsync([b.Id], CancellationToken.None));
                return async () =>
                {
                    locked.UpdateStock(-1);
                    await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
                };
            },
            second: async services =>
                (await services.GetRequiredService<IProductRepository>().GetForUpdateAsync([b.Id, a.Id], CancellationToken.None))
                    .Select(product => (product.Id, product.Stock)).ToList(),
            commitFirst: true);

        Assert.True(firstHadEnded);
        Assert.Equal(
            new[] { (a.Id, 5), (b.Id, 4) }.OrderBy(pair => pair.Item1.ToString(), StringComparer.Ordinal),
            seen);
    }

    [Fact]
    public async Task A_second_transaction_locking_the_same_order_waits_until_the_first_commits()
    {
        var product = await Seed.ProductAsync(_fixture, 2m);
        var order = await Seed.OrderOfAsync(_fixture, product);

        var (firstHadEnded, statusSeenBySecond) = await RaceAsync(
            first: async services =>
            {
                var locked = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
                Assert.NotNull(locked);
                return async () =>
                {
                    locked.Cancel();
                    await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
                };
            },
            second: async services =>
            {
                var locked = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
                Assert.NotNull(locked);
                Assert.Single(locked.Items);
                return locked.Status;
            },
            commitFirst: true);

        Assert.True(firstHadEnded, "the second transaction got the order's row lock before the first one committed");
        Assert.Equal(Shop.Domain.Ordering.OrderStatus.Cancelled, statusSeenBySecond);
    }

    [Fact]
    public async Task An_order_locked_after_waiting_is_loaded_with_the_lines_the_first_transaction_added()
    {
        var product = await Seed.ProductAsync(_fixture, 2m);
        var added = await Seed.ProductAsync(_fixture, 3m);
        var order = await Seed.OrderOfAsync(_fixture, product);

        var (firstHadEnded, seen) = await RaceAsync(
            first: async services =>
            {
                var locked = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
                Assert.NotNull(locked);
                return async () =>
                {
                    locked.AddItem(added.Id, added.Price, 2);
                    await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
                };
            },
            second: async services =>
            {
                var locked = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
                Assert.NotNull(locked);
                return (Lines: locked.Items.Select(item => item.ProductId).Order().ToList(), locked.Total);
            },
            commitFirst: true);

        // A statement's snapshot predates its lock wait: had the lines been read by the locking statement, the line
        // added by the transaction it waited for would be missing while the total already counted it.
        Assert.True(firstHadEnded, "the second transaction got the order's row lock before the first one committed");
        Assert.Equal(new[] { product.Id, added.Id }.Order().ToList(), seen.Lines);
        Assert.Equal(order.Total + 6m, seen.Total);
    }

    [Fact]
    public async Task A_plain_read_is_not_blocked_by_a_row_lock()
    {
        var product = await Seed.ProductAsync(_fixture, 5m, stock: 10);
        await using var holder = _fixture.Services.CreateAsyncScope();
        var unitOfWork = holder.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        var locked = Assert.Single(await holder.ServiceProvider.GetRequiredService<IProductRepository>().GetForUpdateAsync([product.Id], CancellationToken.None));
        locked.UpdateStock(-4);
        await unitOfWork.SaveChangesAsync(CancellationToken.None);

        var read = await _fixture.InScopeAsync(services =>
            services.GetRequiredService<IProductQueries>().GetAsync(product.Id, CancellationToken.None)).WaitAsync(Guard);
        var unlocked = await _fixture.InScopeAsync(services =>
            services.GetRequiredService<IProductRepository>().GetByIdAsync(product.Id, CancellationToken.None)).WaitAsync(Guard);

        Assert.Equal(10, read!.Stock); // the uncommitted change is invisible
        Assert.Equal(10, unlocked!.Stock);
        await unitOfWork.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Runs <paramref name="first"/> in a transaction (it takes its locks and returns its change), then starts
    /// <paramref name="second"/> in another transaction, waits until PostgreSQL reports the second blocked by the first,
    /// applies the first's change, marks the first as ending and commits or rolls it back.
    /// </summary>
    /// <returns>Whether the first had started ending when the second got its locks, and what the second read.</returns>
    private async Task<(bool FirstHadEnded, T SecondRead)> RaceAsync<T>(
        Func<IServiceProvider, Task<Func<Task>>> first, Func<IServiceProvider, Task<T>> second, bool commitFirst)
    {
        await using var firstScope = _fixture.Services.CreateAsyncScope();
        var firstUnitOfWork = firstScope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await firstUnitOfWork.BeginTransactionAsync(CancellationToken.None);
        var firstPid = await BackendPidAsync(firstScope.ServiceProvider);
        var change = await first(firstScope.ServiceProvider);

        var firstEnding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondPid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRun = Task.Run(async () =>
        {
            await using var scope = _fixture.Services.CreateAsyncScope();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            secondPid.SetResult(await BackendPidAsync(scope.ServiceProvider));
            var read = await second(scope.ServiceProvider);
            var firstHadEnded = firstEnding.Task.IsCompleted;
            await unitOfWork.CommitAsync(CancellationToken.None);
            return (firstHadEnded, read);
        });

        try
        {
            await WaitUntilBlockedAsync(await secondPid.Task.WaitAsync(Guard), firstPid, secondRun);
            Assert.False(secondRun.IsCompleted, "the second transaction did not wait for the first one's lock");

            await change();
            firstEnding.SetResult();
            if (commitFirst)
            {
                await firstUnitOfWork.CommitAsync(CancellationToken.None);
            }
            else
            {
                await firstUnitOfWork.RollbackAsync(CancellationToken.None);
            }
        }
        finally
        {
            // Whatever failed above, never leave the second transaction waiting on an open first one.
            await firstUnitOfWork.RollbackAsync(CancellationToken.None);
        }

        return await secondRun.WaitAsync(Guard);
    }

    /// <summary>Polls pg_blocking_pids until the second backend waits on the first; fails if the second finishes instead.</summary>
    private async Task WaitUntilBlockedAsync(int secondPid, int firstPid, Task secondRun)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (true)
        {
            if (secondRun.IsCompleted)
            {
                await secondRun; // surfaces its exception, if any
                Assert.Fail("the second transaction got the lock while the first one still held it");
            }

            var blockers = await _fixture.ScalarAsync<int[]>("SELECT pg_blocking_pids($1)", secondPid);
            if (blockers.Contains(firstPid))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), guard.Token);
        }
    }

    private static Task<int> BackendPidAsync(IServiceProvider services) =>
        services.GetRequiredService<ShopDbContext>().Database
            .SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"")
            .SingleAsync();
}
