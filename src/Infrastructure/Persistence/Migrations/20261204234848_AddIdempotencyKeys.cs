using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    [System.ComponentModel.Description("Add idempotency_keys: the first outcome of an Idempotency-Key request, committed with its change, so a retry after a lost answer replays it")]
    public partial class AddIdempotencyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false, comment: "The user who sent the request (keys are per user)."),
                    route = table.Column<string>(type: "text", nullable: false, comment: "The request's method and path, lower-cased without a trailing slash (keys are per route)."),
                    key_hash = table.Column<string>(type: "text", nullable: false, comment: "Hex SHA-256 of the Idempotency-Key header."),
                    request_hash = table.Column<string>(type: "text", nullable: false, comment: "Hex SHA-256 of the request body: a retry with another body is refused (422)."),
                    response = table.Column<string>(type: "jsonb", nullable: false, comment: "The command's response, replayed to a retry instead of running the command again."),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, comment: "When the change was made (UTC); a record older than 24 hours is ignored, then removed.")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => new { x.user_id, x.route, x.key_hash });
                },
                comment: "The first outcome of each change sent with an Idempotency-Key, committed with the change: a retry replays it. Kept 24 hours.");

            migrationBuilder.CreateIndex(
                name: "idx_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");
        }
    }
}
