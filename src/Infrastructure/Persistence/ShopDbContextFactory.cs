using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shop.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef` build the context without starting the web host.</summary>
internal sealed class ShopDbContextFactory : IDesignTimeDbContextFactory<ShopDbContext>
{
    public ShopDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? "Host=localhost;Database=shop;Username=postgres";
        var options = new DbContextOptionsBuilder<ShopDbContext>();
        options.UseShopDatabase(connectionString);
        return new ShopDbContext(options.Options);
    }
}
