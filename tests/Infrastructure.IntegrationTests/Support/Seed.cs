using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Identity.Ports;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Domain.Catalog;
using Shop.Domain.Identity;
using Shop.Domain.Ordering;

namespace Shop.Infrastructure.IntegrationTests.Support;

/// <summary>Saves aggregates through the repositories and the unit of work, each in a scope of its own.</summary>
public static class Seed
{
    public static readonly DateTimeOffset DefaultNow = new(2025, 6, 7, 8, 9, 10, TimeSpan.Zero);

    public static Task<User> UserAsync(InfrastructureFixture fixture, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return fixture.InScopeAsync(async services =>
        {
            var user = User.Create(email ?? $"user-{Guid.NewGuid():N}@example.test", "Buyer", "not-a-real-hash", new FixedClock(DefaultNow));
            services.GetRequiredService<IUserRepository>().Add(user);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return user;
        });
    }

    public static Task<Product> ProductAsync(InfrastructureFixture fixture, decimal price, int stock = 100)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return fixture.InScopeAsync(async services =>
        {
            var product = Product.Create($"Product {Guid.NewGuid():N}", null, price, stock);
            services.GetRequiredService<IProductRepository>().Add(product);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return product;
        });
    }

    public static Task<Order> OrderAsync(InfrastructureFixture fixture, Order order)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return fixture.InScopeAsync(async services =>
        {
            services.GetRequiredService<IOrderRepository>().Add(order);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return order;
        });
    }

    /// <summary>A pending order of a new user for <paramref name="products"/>, one line each with quantity 1.</summary>
    public static async Task<Order> OrderOfAsync(InfrastructureFixture fixture, params Product[] products)
    {
        ArgumentNullException.ThrowIfNull(products);
        var user = await UserAsync(fixture);
        var order = Order.Place(user.Id, new FixedClock(DefaultNow));
        foreach (var product in products)
        {
            order.AddItem(product.Id, product.Price, 1);
        }

        return await OrderAsync(fixture, order);
    }
}
