using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Ordering;
using Shop.Application.Ordering.Ports;
using Shop.Application.Pagination;
using Shop.Application.Persistence;
using Shop.Application.Validation;
using Shop.Domain.Catalog;
using Shop.Domain.Identity;
using Shop.Domain.Ordering;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>The Order aggregate with its line items through OrderRepository, the unit of work and OrderQueries.</summary>
public sealed class OrderPersistenceTests : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly DateTimeOffset Placed = new(2025, 6, 7, 8, 9, 10, TimeSpan.Zero);

    private readonly MigratedDatabaseFixture _fixture;

    public OrderPersistenceTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task An_order_with_two_line_items_round_trips_with_merged_lines_total_and_lower_case_status()
    {
        var user = await AddUserAsync();
        var widget = await AddProductAsync(12.50m);
        var gadget = await AddProductAsync(3.99m);

        var order = Order.Place(user.Id, new FixedClock(Placed.AddTicks(4_567_891)));
        order.AddItem(widget.Id, widget.Price, 2);
        order.AddItem(gadget.Id, gadget.Price, 1);
        order.AddItem(widget.Id, widget.Price, 3); // the same product again: merged into its line
        await AddOrderAsync(order);

        await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var loaded = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);

            Assert.NotNull(loaded);
            Assert.Equal(user.Id, loaded.UserId);
            Assert.Equal(OrderStatus.Pending, loaded.Status);
            Assert.Equal(66.49m, loaded.Total);
            Assert.Equal(Placed.UtcDateTime.AddTicks(4_567_890), loaded.CreatedAt);
            Assert.Equal(2, loaded.Items.Count);
            var widgetLine = Assert.Single(loaded.Items, item => item.ProductId == widget.Id);
            Assert.Equal((order.Id, 5, 12.50m), (widgetLine.OrderId, widgetLine.Quantity, widgetLine.UnitPrice));
            var gadgetLine = Assert.Single(loaded.Items, item => item.ProductId == gadget.Id);
            Assert.Equal((order.Id, 1, 3.99m), (gadgetLine.OrderId, gadgetLine.Quantity, gadgetLine.UnitPrice));
            Assert.Equal(
                order.Items.Select(item => item.Id).Order(),
                loaded.Items.Select(item => item.Id).Order());
        });

        var row = Assert.Single(await _fixture.QueryAsync(
            "SELECT status, total::text, user_id FROM orders WHERE id = $1",
            reader => (Status: reader.GetString(0), Total: reader.GetString(1), UserId: reader.GetGuid(2)),
            order.Id));
        Assert.Equal(("pending", "66.49", user.Id), row);
        var lines = await _fixture.QueryAsync(
            "SELECT product_id, quantity, unit_price::text FROM line_items WHERE order_id = $1 ORDER BY quantity",
            reader => (ProductId: reader.GetGuid(0), Quantity: reader.GetInt32(1), UnitPrice: reader.GetString(2)),
            order.Id);
        Assert.Equal([(gadget.Id, 1, "3.99"), (widget.Id, 5, "12.50")], lines);
    }

    [Fact]
    public async Task Paying_an_order_is_persisted_as_paid()
    {
        var order = await AddPendingOrderAsync();

        await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var loaded = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
            loaded!.ProcessPayment(loaded.Total);
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
        });

        Assert.Equal("paid", await _fixture.ScalarAsync<string>("SELECT status FROM orders WHERE id = $1", order.Id));
        var reloaded = await LoadAsync(order.Id);
        Assert.Equal(OrderStatus.Paid, reloaded.Status);
        Assert.Equal(order.Total, reloaded.Total);
        Assert.Equal(order.Items.Count, reloaded.Items.Count);
    }

    [Fact]
    public async Task Cancelling_an_order_is_persisted_as_cancelled()
    {
        var order = await AddPendingOrderAsync();

        await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var loaded = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
            loaded!.Cancel();
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
        });

        Assert.Equal("cancelled", await _fixture.ScalarAsync<string>("SELECT status FROM orders WHERE id = $1", order.Id));
        Assert.Equal(OrderStatus.Cancelled, (await LoadAsync(order.Id)).Status);
    }

    [Fact]
    public async Task A_rolled_back_change_is_not_persisted()
    {
        var order = await AddPendingOrderAsync();

        await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var loaded = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
            loaded!.Cancel();
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await unitOfWork.RollbackAsync(CancellationToken.None);
        });

        Assert.Equal("pending", await _fixture.ScalarAsync<string>("SELECT status FROM orders WHERE id = $1", order.Id));
    }

    [Fact]
    public async Task A_line_added_to_a_loaded_order_is_inserted_and_a_merged_line_updated()
    {
        var order = await AddPendingOrderAsync();
        var extra = await AddProductAsync(0.25m);
        var existingProduct = order.Items[0].ProductId;

        await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var loaded = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None);
            loaded!.AddItem(extra.Id, extra.Price, 4);
            loaded.AddItem(existingProduct, 999m, 1); // merged: the whole line is re-priced at the current price
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
        });

        var reloaded = await LoadAsync(order.Id);
        Assert.Equal(order.Items.Count + 1, reloaded.Items.Count);
        var added = Assert.Single(reloaded.Items, item => item.ProductId == extra.Id);
        Assert.Equal((4, 0.25m), (added.Quantity, added.UnitPrice));
        var merged = Assert.Single(reloaded.Items, item => item.ProductId == existingProduct);
        Assert.Equal(order.Items[0].Quantity + 1, merged.Quantity);
        Assert.Equal(999m, merged.UnitPrice);
        Assert.Equal(reloaded.CalculateTotal(), reloaded.Total);
        Assert.Equal(
            reloaded.Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            await _fixture.ScalarAsync<string>("SELECT total::text FROM orders WHERE id = $1", order.Id));
    }

    [Fact]
    public async Task GetOwnedForUpdateAsync_returns_null_for_an_unknown_order()
    {
        var missing = await _fixture.InScopeAsync(async services =>
        {
            await services.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(CancellationToken.None);
            return await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(Guid.NewGuid(), Guid.NewGuid(), CancellationToken.None);
        });

        Assert.Null(missing);
    }

    [Fact]
    public async Task GetOwnedForUpdateAsync_returns_null_for_another_users_order_and_leaves_it_unlocked()
    {
        var order = await AddPendingOrderAsync();

        var seen = await _fixture.InScopeAsync(async services =>
        {
            await services.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(CancellationToken.None);
            var loaded = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, Guid.NewGuid(), CancellationToken.None);
            // Another transaction may still lock it at once: the stranger's request locked nothing.
            var lockedElsewhere = await _fixture.ScalarAsync<int>("SELECT count(*)::int FROM (SELECT 1 FROM orders WHERE id = $1 FOR UPDATE NOWAIT) AS row", order.Id);
            return (loaded, lockedElsewhere);
        });

        Assert.Null(seen.loaded);
        Assert.Equal(1, seen.lockedElsewhere);
    }

    [Fact]
    public async Task GetOwnedForUpdateAsync_outside_the_commands_transaction_is_refused_rather_than_locking_nothing()
    {
        var order = await AddPendingOrderAsync();

        var refused = await _fixture.InScopeAsync(services => Assert.ThrowsAsync<InvalidOperationException>(() =>
            services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(order.Id, order.UserId, CancellationToken.None)));

        Assert.Contains("transaction", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderQueries_GetAsync_projects_the_order_for_its_owner_only()
    {
        var order = await AddPendingOrderAsync();

        await _fixture.InScopeAsync(async services =>
        {
            var queries = services.GetRequiredService<IOrderQueries>();
            var response = await queries.GetAsync(order.Id, order.UserId, CancellationToken.None);
            Assert.NotNull(response);
            Assert.Equal((order.Id, order.UserId, "pending", order.Total), (response.Id, response.UserId, response.Status, response.Total));
            Assert.Equal(order.CreatedAt, response.CreatedAt);
            Assert.Equal(order.Items.Select(item => item.Id.ToString()).Order(StringComparer.Ordinal), response.Items.Select(item => item.Id.ToString()));
            Assert.All(response.Items, item =>
            {
                var line = order.Items.Single(candidate => candidate.Id == item.Id);
                Assert.Equal(
                    new LineItemResponse(line.Id, line.ProductId, line.Quantity, line.UnitPrice, line.UnitPrice * line.Quantity),
                    item);
            });

            Assert.Null(await queries.GetAsync(order.Id, Guid.NewGuid(), CancellationToken.None));
            Assert.Null(await queries.GetAsync(Guid.NewGuid(), order.UserId, CancellationToken.None));
        });
    }

    [Fact]
    public async Task OrderQueries_ListAsync_lists_only_the_owners_orders_newest_first_with_status_filter_and_paging()
    {
        var owner = await AddUserAsync();
        var stranger = await AddUserAsync();
        var product = await AddProductAsync(2m);
        var oldest = await AddOrderAsync(NewOrder(owner.Id, product, Placed, 1));
        var middle = await AddOrderAsync(NewOrder(owner.Id, product, Placed.AddMinutes(1), 2));
        var newest = await AddOrderAsync(NewOrder(owner.Id, product, Placed.AddMinutes(2), 3));
        var strangers = await AddOrderAsync(NewOrder(stranger.Id, product, Placed.AddMinutes(3), 4));
        await _fixture.ExecuteAsync("UPDATE orders SET status = 'paid' WHERE id = $1", middle.Id);

        var all = await ListAsync(owner.Id, null, 1, 10);
        Assert.Equal([newest.Id, middle.Id, oldest.Id], all.Items.Select(item => item.Id));
        Assert.Equal(3, all.TotalCount);
        Assert.All(all.Items, item => Assert.Equal(owner.Id, item.UserId));
        Assert.Equal(["pending", "paid", "pending"], all.Items.Select(item => item.Status));
        Assert.Equal([6m, 4m, 2m], all.Items.Select(item => item.Total));
        Assert.All(all.Items, item => Assert.Single(item.Items));

        var paid = await ListAsync(owner.Id, OrderStatus.Paid, 1, 10);
        Assert.Equal([middle.Id], paid.Items.Select(item => item.Id));
        Assert.Equal(1, paid.TotalCount);

        var pending = await ListAsync(owner.Id, OrderStatus.Pending, 1, 10);
        Assert.Equal([newest.Id, oldest.Id], pending.Items.Select(item => item.Id));
        Assert.Equal(2, pending.TotalCount);

        var cancelled = await ListAsync(owner.Id, OrderStatus.Cancelled, 1, 10);
        Assert.Empty(cancelled.Items);
        Assert.Equal(0, cancelled.TotalCount);

        var secondPage = await ListAsync(owner.Id, null, 2, 2);
        Assert.Equal([oldest.Id], secondPage.Items.Select(item => item.Id));
        Assert.Equal((2, 2, 3), (secondPage.Page, secondPage.PageSize, secondPage.TotalCount));

        var theirs = await ListAsync(stranger.Id, null, 1, 10);
        Assert.Equal([strangers.Id], theirs.Items.Select(item => item.Id));

        var nobody = await ListAsync(Guid.NewGuid(), null, 1, 10);
        Assert.Empty(nobody.Items);
        Assert.Equal(0, nobody.TotalCount);
    }

    [Fact]
    public async Task OrderQueries_ListAsync_breaks_ties_of_created_at_by_id_descending()
    {
        var owner = await AddUserAsync();
        var product = await AddProductAsync(1m);
        var first = await AddOrderAsync(NewOrder(owner.Id, product, Placed, 1));
        var second = await AddOrderAsync(NewOrder(owner.Id, product, Placed, 1));

        var page = await ListAsync(owner.Id, null, 1, 10);

        Assert.Equal(
            new[] { first.Id, second.Id }.Select(id => id.ToString()).OrderDescending(StringComparer.Ordinal),
            page.Items.Select(item => item.Id.ToString()));
    }

    private static Order NewOrder(Guid userId, Product product, DateTimeOffset placedAt, int quantity)
    {
        var order = Order.Place(userId, new FixedClock(placedAt));
        order.AddItem(product.Id, product.Price, quantity);
        return order;
    }

    private async Task<Order> AddPendingOrderAsync()
    {
        var user = await AddUserAsync();
        var first = await AddProductAsync(10.10m);
        var second = await AddProductAsync(0.05m);
        var order = Order.Place(user.Id, new FixedClock(Placed));
        order.AddItem(first.Id, first.Price, 3);
        order.AddItem(second.Id, second.Price, 7);
        return await AddOrderAsync(order);
    }

    private async Task<Order> LoadAsync(Guid orderId)
    {
        var ownerId = await _fixture.ScalarAsync<Guid>("SELECT user_id FROM orders WHERE id = $1", orderId);
        return await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var order = await services.GetRequiredService<IOrderRepository>().GetOwnedForUpdateAsync(orderId, ownerId, CancellationToken.None);
            await unitOfWork.CommitAsync(CancellationToken.None);
            return order ?? throw new InvalidOperationException($"Order {orderId} is not there.");
        });
    }

    private Task<PagedResponse<OrderResponse>> ListAsync(Guid ownerId, OrderStatus? status, int page, int pageSize) =>
        _fixture.InScopeAsync(services =>
            services.GetRequiredService<IOrderQueries>().ListAsync(ownerId, status, page, pageSize, CancellationToken.None));

    private Task<Order> AddOrderAsync(Order order) => Seed.OrderAsync(_fixture, order);

    private Task<User> AddUserAsync() => Seed.UserAsync(_fixture);

    private Task<Product> AddProductAsync(decimal price) => Seed.ProductAsync(_fixture, price);
}
