using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Catalog;

namespace Shop.Infrastructure.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", table => table.HasComment("An article of the catalog with its price and the quantity in stock."));
        // The migrations named keys the EF default way (PK_/FK_); the snake_case convention would lower-case them.
        builder.HasKey(product => product.Id).HasName("PK_products");
        builder.Property(product => product.Id)
            .HasDefaultValueSql("gen_random_uuid()").ValueGeneratedNever()
            .HasComment("Unique identifier of the product.");
        builder.Property(product => product.Name).HasMaxLength(255).IsRequired()
            .HasComment("Name shown in the catalog; searched case-insensitively.");
        builder.Property(product => product.Description).HasColumnType("text")
            .HasComment("Optional long description of the product.");
        builder.Property(product => product.Price).HasPrecision(10, 2)
            .HasDefaultValue(0m).ValueGeneratedNever()
            .HasComment("Current unit price, two decimals.");
        builder.Property(product => product.Stock)
            .HasDefaultValue(0).ValueGeneratedNever()
            .HasComment("Quantity available for sale; never below zero.");

        builder.HasIndex(product => product.Name).HasDatabaseName("idx_products_name");
        // ILIKE '%term%' can use only a trigram index; the keyset walks (name, id) in the list's order, ties included.
        builder.HasIndex(product => product.Name, "idx_products_name_trgm").HasDatabaseName("idx_products_name_trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(product => new { product.Name, product.Id }, "idx_products_name_id").HasDatabaseName("idx_products_name_id");
    }
}
