using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;

namespace Shop.Infrastructure.Ordering;

internal sealed class LineItemConfiguration : IEntityTypeConfiguration<LineItem>
{
    public void Configure(EntityTypeBuilder<LineItem> builder)
    {
        builder.ToTable("line_items", table => table.HasComment("One product in an order, with the quantity and the unit price captured when it was added."));
        builder.HasKey(item => item.Id);
        builder.Property(item => item.Id).HasColumnName("id")
            .HasDefaultValueSql("gen_random_uuid()").ValueGeneratedNever()
            .HasComment("Unique identifier of the line.");
        builder.Property(item => item.OrderId).HasColumnName("order_id")
            .HasComment("The order this line belongs to.");
        builder.Property(item => item.ProductId).HasColumnName("product_id")
            .HasComment("The product ordered.");
        builder.Property(item => item.Quantity).HasColumnName("quantity")
            .HasDefaultValue(1).ValueGeneratedNever()
            .HasComment("How many units are ordered, 1 to 1000.");
        builder.Property(item => item.UnitPrice).HasColumnName("unit_price").HasPrecision(10, 2)
            .HasComment("The product's unit price when the line was added.");

        // A product that was ordered cannot be deleted: the order history keeps it.
        builder.HasOne<Product>().WithMany().HasForeignKey(item => item.ProductId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(item => item.OrderId).HasDatabaseName("idx_line_items_order");
    }
}
