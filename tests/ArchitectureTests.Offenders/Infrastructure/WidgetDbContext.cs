using Microsoft.EntityFrameworkCore;
using Shop.ArchitectureTests.Offenders.Domain.Catalog;
using Shop.ArchitectureTests.Offenders.Infrastructure.Ordering;

namespace Shop.ArchitectureTests.Offenders.Infrastructure;

/// <summary>
/// The offenders' EF Core model: it makes <see cref="SerialNumberedGadget"/> an entity although it has no Id, and maps
/// Catalog's widgets and Ordering's widget_orders tables for the table ownership rule.
/// </summary>
public sealed class WidgetDbContext : DbContext
{
    public WidgetDbContext(DbContextOptions<WidgetDbContext> options) : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Widget>().ToTable("widgets").HasKey(widget => widget.Id);
        modelBuilder.ApplyConfiguration(new WidgetOrderConfiguration());
        modelBuilder.Entity<SerialNumberedGadget>().HasKey(gadget => gadget.Serial);
    }
}
