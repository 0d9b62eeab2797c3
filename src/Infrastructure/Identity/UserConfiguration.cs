using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Domain.Identity;

namespace Shop.Infrastructure.Identity;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users", table => table.HasComment("A registered customer or administrator of the shop."));
        // The migrations named keys the EF default way (PK_/FK_); the snake_case convention would lower-case them.
        builder.HasKey(user => user.Id).HasName("PK_users");
        builder.Property(user => user.Id)
            .HasDefaultValueSql("gen_random_uuid()").ValueGeneratedNever()
            .HasComment("Unique identifier of the user.");
        builder.Property(user => user.Email).HasMaxLength(255).IsRequired()
            .HasComment("E-mail address used to log in, trimmed and lower-case; unique.");
        builder.Property(user => user.PasswordHash).HasMaxLength(255).IsRequired()
            .HasComment("Slow salted hash of the password; never the password itself.");
        builder.Property(user => user.Name).HasMaxLength(100).IsRequired()
            .HasComment("Display name shown to the user.");
        builder.Property(user => user.IsAdministrator).HasDefaultValue(false).ValueGeneratedNever()
            .HasComment("Whether the user may manage the catalog; set only when an operator creates the account (seed, create-admin).");
        builder.Property(user => user.CreatedAt).HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedNever()
            .HasComment("When the user registered (UTC).");
        builder.Property(user => user.UpdatedAt).HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedNever()
            .HasComment("When the user last changed (UTC).");

        builder.HasIndex(user => user.Email).IsUnique().HasDatabaseName("idx_users_email");
        builder.HasIndex(user => user.CreatedAt).HasDatabaseName("idx_users_created");
    }
}
