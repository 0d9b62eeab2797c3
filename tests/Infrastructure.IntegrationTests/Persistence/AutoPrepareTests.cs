using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Application.Catalog.Ports;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.IntegrationTests.Support;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>Npgsql prepares the shop's statements automatically unless the connection string decides otherwise.</summary>
public sealed class AutoPrepareTests : IClassFixture<MigratedDatabaseFixture>
{
    private readonly MigratedDatabaseFixture _fixture;

    public AutoPrepareTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("Host=db;Username=shop", ShopDatabaseOptions.DefaultMaxAutoPrepare)]
    [InlineData("Host=db;Username=shop;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=shop;MaxAutoPrepare=5", 5)]
    [InlineData("Host=db;Username=shop;max auto prepare=7", 7)]
    public void The_connection_string_gets_the_default_unless_it_names_its_own(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(ShopDatabaseOptions.WithAutoPrepare(given)).MaxAutoPrepare);

    [Fact]
    public async Task A_statement_the_shop_runs_repeatedly_is_prepared_on_its_connection()
    {
        var product = await Seed.ProductAsync(_fixture, 1m);
        var statements = await _fixture.InScopeAsync(async services =>
        {
            var products = services.GetRequiredService<IProductRepository>();
            for (var i = 0; i < 8; i++)
            {
                await products.GetManyAsync([product.Id], CancellationToken.None);
            }

            var context = services.GetRequiredService<ShopDbContext>();
            await using var connection = (NpgsqlConnection)context.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM products%'", connection);
            return (long)(await prepared.ExecuteScalarAsync())!;
        });

        Assert.True(statements >= 1, $"{statements} prepared statements read products on the shop's connection.");
    }
}
