using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Catalog;
using Shop.Domain.Ordering;

namespace Shop.Infrastructure.Ordering;

internal sealed class LineItemConfiguration : IEntityTypeConfiguration<LineItem>
{
    public void Configure(EntityTypeBuilder<LineItem> builder)
    {
        builder.ToTable("line_items", table => table.HasComment("One product in an order, with the quantity and the unit price of its last addition."));
        // The migrations named keys the EF default way (PK_/FK_); the snake_case convention would lower-case them.
        builder.HasKey(item => item.Id).HasName("PK_line_items");
        builder.Property(item => item.Id)
            .HasDefaultValueSql("gen_random_uuid()").ValueGeneratedNever()
            .HasComment("Unique identifier of the line.");
        builder.Property(item => item.OrderId)
            .HasComment("The order this line belongs to.");
        builder.Property(item => item.ProductId)
            .HasComment("The product ordered.");
        builder.Property(item => item.Quantity)
            .HasDefaultValue(1).ValueGeneratedNever()
            .HasComment("How many units are ordered, 1 to 1000.");
        builder.Property(item => item.UnitPrice).HasPrecision(10, 2)
            .HasComment("The product's unit price when units were last added to the line (every unit is charged at it).");

        // A product that was ordered cannot be deleted: the order history keeps it.
        builder.HasOne<Product>().WithMany().HasForeignKey(item => item.ProductId)
            .HasConstraintName("FK_line_items_products_product_id").OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(item => item.OrderId).HasDatabaseName("idx_line_items_order");
    }
}
