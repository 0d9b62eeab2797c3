using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Shop.Infrastructure.Persistence;

/// <summary>The write model: tracked aggregates, saved through the unit of work.</summary>
public class ShopDbContext : DbContext
{
    public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options)
    {
    }

    protected ShopDbContext(DbContextOptions options) : base(options)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // The schema names every index itself; EF must not add one per foreign key.
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.HasPostgresExtension("pg_trgm")
            .ApplyConfigurationsFromAssembly(typeof(ShopDbContext).Assembly);
}

/// <summary>The read model: no tracking, may point at a replica (ConnectionStrings:PostgresRead).</summary>
public sealed class ShopReadDbContext : ShopDbContext
{
    public ShopReadDbContext(DbContextOptions<ShopReadDbContext> options) : base(options)
    {
    }
}
