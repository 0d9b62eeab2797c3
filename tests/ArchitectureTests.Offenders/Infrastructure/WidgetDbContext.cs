using Microsoft.EntityFrameworkCore;
using Shop.ArchitectureTests.Offenders.Domain.Catalog;

namespace Shop.ArchitectureTests.Offenders.Infrastructure;

/// <summary>The offenders' EF Core model: it makes <see cref="SerialNumberedGadget"/> an entity although it has no Id.</summary>
public sealed class WidgetDbContext : DbContext
{
    public WidgetDbContext(DbContextOptions<WidgetDbContext> options) : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Widget>().HasKey(widget => widget.Id);
        modelBuilder.Entity<SerialNumberedGadget>().HasKey(gadget => gadget.Serial);
    }
}
