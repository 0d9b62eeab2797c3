using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Identity;
using Shop.Domain.Ordering;

namespace Shop.Infrastructure.Ordering;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders", table => table.HasComment("A customer's order: its lines, its total and its status."));
        // The migrations named keys the EF default way (PK_/FK_); the snake_case convention would lower-case them.
        builder.HasKey(order => order.Id).HasName("PK_orders");
        builder.Property(order => order.Id)
            .HasDefaultValueSql("gen_random_uuid()").ValueGeneratedNever()
            .HasComment("Unique identifier of the order.");
        builder.Property(order => order.UserId)
            .HasComment("The user who placed the order.");
        builder.Property(order => order.Status).HasMaxLength(50)
            .HasConversion(status => OrderStatusNames.ToName(status), name => OrderStatusNames.FromName(name))
            .HasDefaultValueSql("'pending'").ValueGeneratedNever()
            .HasComment("pending, paid or cancelled.");
        builder.Property(order => order.Total).HasPrecision(10, 2)
            .HasDefaultValue(0m).ValueGeneratedNever()
            .HasComment("Sum of the line subtotals, rounded to cents.");
        builder.Property(order => order.CreatedAt).HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedNever()
            .HasComment("When the order was placed (UTC).");

        // Modules meet by id only: no navigation from an order to its user.
        builder.HasOne<User>().WithMany().HasForeignKey(order => order.UserId)
            .HasConstraintName("FK_orders_users_user_id").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(order => order.Items).WithOne().HasForeignKey(item => item.OrderId)
            .HasConstraintName("FK_line_items_orders_order_id").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(order => order.Items).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(order => order.UserId).HasDatabaseName("idx_orders_user");
        builder.HasIndex(order => order.Status).HasDatabaseName("idx_orders_status");
    }
}
