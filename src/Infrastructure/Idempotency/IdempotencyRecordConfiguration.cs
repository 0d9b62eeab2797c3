using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Infrastructure.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const string PrimaryKey = "PK_idempotency_keys";

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys", table => table.HasComment(
            "The first outcome of each change sent with an Idempotency-Key, committed with the change: a retry replays it. Kept 24 hours."));
        builder.HasKey(record => new { record.UserId, record.Route, record.KeyHash }).HasName(PrimaryKey);
        builder.Property(record => record.UserId)
            .HasComment("The user who sent the request (keys are per user).");
        builder.Property(record => record.Route)
            .HasComment("The request's method and path, lower-cased without a trailing slash (keys are per route).");
        builder.Property(record => record.KeyHash)
            .HasComment("Hex SHA-256 of the Idempotency-Key header.");
        builder.Property(record => record.RequestHash)
            .HasComment("Hex SHA-256 of the request body: a retry with another body is refused (422).");
        builder.Property(record => record.Response).HasColumnType("jsonb")
            .HasComment("The command's response, replayed to a retry instead of running the command again.");
        builder.Property(record => record.CreatedAt).HasColumnType("timestamp with time zone")
            .HasComment("When the change was made (UTC); a record older than 24 hours is ignored, then removed.");

        builder.HasIndex(record => record.CreatedAt).HasDatabaseName("idx_idempotency_keys_created_at");
    }
}
