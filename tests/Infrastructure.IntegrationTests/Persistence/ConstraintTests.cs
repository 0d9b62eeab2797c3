using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Persistence;
using Shop.Domain.Identity;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// What the database itself enforces, even when two requests race past the handlers' checks, and how the unit of
/// work reports it.
/// </summary>
public sealed class ConstraintTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public ConstraintTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Two_units_of_work_registering_one_email_give_a_ConflictException_to_the_second()
    {
        var email = $"race-{Guid.NewGuid():N}@example.test";
        var clock = new FixedClock(Seed.DefaultNow);
        await using var first = _fixture.Services.CreateAsyncScope();
        await using var second = _fixture.Services.CreateAsyncScope();
        var firstUsers = first.ServiceProvider.GetRequiredService<IUserRepository>();
        var secondUsers = second.ServiceProvider.GetRequiredService<IUserRepository>();

        // Both handlers would have checked, and both would have found the address free.
        Assert.False(await firstUsers.EmailExistsAsync(email, CancellationToken.None));
        Assert.False(await secondUsers.EmailExistsAsync(email, CancellationToken.None));
        var winner = User.Create(email, "First", "hash-1", clock);
        var loser = User.Create(email.ToUpperInvariant(), "Second", "hash-2", clock);
        firstUsers.Add(winner);
        secondUsers.Add(loser);

        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));

        Assert.Equal("A user with this e-mail already exists.", conflict.Message);
        Assert.Equal(
            [winner.Id],
            await _fixture.QueryAsync("SELECT id FROM users WHERE email = $1", reader => reader.GetGuid(0), email));
    }

    [Fact]
    public async Task The_duplicate_email_is_refused_inside_a_transaction_too_and_rolls_back_cleanly()
    {
        var existing = await Seed.UserAsync(_fixture);

        await _fixture.InScopeAsync(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            services.GetRequiredService<IUserRepository>().Add(User.Create(existing.Email, "Copy", "hash", new FixedClock(Seed.DefaultNow)));
            await Assert.ThrowsAsync<ConflictException>(() => unitOfWork.SaveChangesAsync(CancellationToken.None));
            await unitOfWork.RollbackAsync(CancellationToken.None);
        });

        Assert.Equal(1L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = $1", existing.Email));
    }

    [Fact]
    public async Task Deleting_a_product_that_a_line_item_references_gives_a_ConflictException()
    {
        var product = await Seed.ProductAsync(_fixture, 4.20m);
        await Seed.OrderOfAsync(_fixture, product);

        var conflict = await _fixture.InScopeAsync(async services =>
        {
            var products = services.GetRequiredService<IProductRepository>();
            products.Remove((await products.GetByIdAsync(product.Id, CancellationToken.None))!);
            return await Assert.ThrowsAsync<ConflictException>(() =>
                services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
        });

        Assert.Equal("The product is part of an order and cannot be deleted.", conflict.Message);
        Assert.Equal(1L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task A_raw_insert_of_a_duplicate_email_fails_with_23505_on_idx_users_email()
    {
        var email = $"raw-{Guid.NewGuid():N}@example.test";
        const string Insert = "INSERT INTO users (email, password_hash, name) VALUES ($1, 'hash', 'Raw')";
        Assert.Equal(1, await _fixture.ExecuteAsync(Insert, email));

        var violation = await Assert.ThrowsAsync<PostgresException>(() => _fixture.ExecuteAsync(Insert, email));

        Assert.Equal("23505", violation.SqlState);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, violation.SqlState);
        Assert.Equal("idx_users_email", violation.ConstraintName);
        Assert.Equal("users", violation.TableName);
    }

    [Fact]
    public async Task The_database_fills_in_the_defaults_of_a_raw_insert()
    {
        var email = $"defaults-{Guid.NewGuid():N}@example.test";
        var user = Assert.Single(await _fixture.QueryAsync(
            "INSERT INTO users (email, password_hash, name) VALUES ($1, 'hash', 'Defaults') RETURNING id, created_at, updated_at, now()",
            reader => (Id: reader.GetGuid(0), Created: reader.GetDateTime(1), Updated: reader.GetDateTime(2), Now: reader.GetDateTime(3)),
            email));
        Assert.NotEqual(Guid.Empty, user.Id);
        Assert.Equal(user.Now, user.Created);
        Assert.Equal(user.Now, user.Updated);

        var product = Assert.Single(await _fixture.QueryAsync(
            "INSERT INTO products (name) VALUES ('Defaults') RETURNING id, description IS NULL, price::text, stock",
            reader => (Id: reader.GetGuid(0), NoDescription: reader.GetBoolean(1), Price: reader.GetString(2), Stock: reader.GetInt32(3))));
        Assert.Equal((true, "0.00", 0), (product.NoDescription, product.Price, product.Stock));

        var order = Assert.Single(await _fixture.QueryAsync(
            "INSERT INTO orders (user_id) VALUES ($1) RETURNING id, status, total::text",
            reader => (Id: reader.GetGuid(0), Status: reader.GetString(1), Total: reader.GetString(2)),
            user.Id));
        Assert.Equal(("pending", "0.00"), (order.Status, order.Total));

        Assert.Equal(1, await _fixture.ScalarAsync<int>(
            "INSERT INTO line_items (order_id, product_id, unit_price) VALUES ($1, $2, 1.5) RETURNING quantity", order.Id, product.Id));
    }

    [Fact]
    public async Task A_raw_delete_of_an_ordered_product_is_restricted()
    {
        var product = await Seed.ProductAsync(_fixture, 1m);
        await Seed.OrderOfAsync(_fixture, product);

        var violation = await Assert.ThrowsAsync<PostgresException>(() => _fixture.ExecuteAsync("DELETE FROM products WHERE id = $1", product.Id));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, violation.SqlState);
        Assert.Equal("FK_line_items_products_product_id", violation.ConstraintName);
        Assert.Equal("line_items", violation.TableName);
    }

    [Fact]
    public async Task Deleting_a_user_cascades_to_its_orders_and_their_line_items()
    {
        var product = await Seed.ProductAsync(_fixture, 1m);
        var order = await Seed.OrderOfAsync(_fixture, product);

        Assert.Equal(1, await _fixture.ExecuteAsync("DELETE FROM users WHERE id = $1", order.UserId));

        Assert.Equal(0L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE id = $1", order.Id));
        Assert.Equal(0L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM line_items WHERE order_id = $1", order.Id));
        Assert.Equal(1L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM products WHERE id = $1", product.Id));
    }

    [Fact]
    public async Task Changing_a_referenced_id_cascades_to_the_referencing_rows()
    {
        var product = await Seed.ProductAsync(_fixture, 1m);
        var order = await Seed.OrderOfAsync(_fixture, product);
        var (newUserId, newOrderId, newProductId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        await _fixture.ExecuteAsync("UPDATE users SET id = $1 WHERE id = $2", newUserId, order.UserId);
        await _fixture.ExecuteAsync("UPDATE orders SET id = $1 WHERE id = $2", newOrderId, order.Id);
        await _fixture.ExecuteAsync("UPDATE products SET id = $1 WHERE id = $2", newProductId, product.Id);

        Assert.Equal(newUserId, await _fixture.ScalarAsync<Guid>("SELECT user_id FROM orders WHERE id = $1", newOrderId));
        var line = Assert.Single(await _fixture.QueryAsync(
            "SELECT order_id, product_id FROM line_items WHERE order_id = $1",
            reader => (OrderId: reader.GetGuid(0), ProductId: reader.GetGuid(1)),
            newOrderId));
        Assert.Equal((newOrderId, newProductId), line);
    }

    [Fact]
    public async Task A_line_item_for_a_missing_order_or_product_is_refused()
    {
        var product = await Seed.ProductAsync(_fixture, 1m);
        var order = await Seed.OrderOfAsync(_fixture, product);
        const string Insert = "INSERT INTO line_items (order_id, product_id, quantity, unit_price) VALUES ($1, $2, 1, 1)";

        var noOrder = await Assert.ThrowsAsync<PostgresException>(() => _fixture.ExecuteAsync(Insert, Guid.NewGuid(), product.Id));
        var noProduct = await Assert.ThrowsAsync<PostgresException>(() => _fixture.ExecuteAsync(Insert, order.Id, Guid.NewGuid()));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, noOrder.SqlState);
        Assert.Equal("FK_line_items_orders_order_id", noOrder.ConstraintName);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, noProduct.SqlState);
        Assert.Equal("FK_line_items_products_product_id", noProduct.ConstraintName);
        Assert.Equal("line_items", noProduct.TableName);
    }

    [Fact]
    public async Task Saving_an_order_whose_product_was_deleted_meanwhile_gives_a_ConflictException()
    {
        // PlaceOrder reads the products without locking them; a DeleteProduct may commit before the order is saved.
        var product = await Seed.ProductAsync(_fixture, 1m);
        var user = await Seed.UserAsync(_fixture);
        var order = Shop.Domain.Ordering.Order.Place(user.Id, new FixedClock(Seed.DefaultNow));
        order.AddItem(product.Id, product.Price, 1);
        await _fixture.ExecuteAsync("DELETE FROM products WHERE id = $1", product.Id);

        await _fixture.InScopeAsync(async services =>
        {
            services.GetRequiredService<Shop.Application.Ordering.Ports.IOrderRepository>().Add(order);
            var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
                services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
            Assert.Equal("A product or user this change refers to no longer exists.", conflict.Message);
            Assert.IsType<Microsoft.EntityFrameworkCore.DbUpdateException>(conflict.InnerException);
        });

        Assert.Equal(0L, await _fixture.ScalarAsync<long>("SELECT count(*) FROM orders WHERE id = $1", order.Id));
    }
}
