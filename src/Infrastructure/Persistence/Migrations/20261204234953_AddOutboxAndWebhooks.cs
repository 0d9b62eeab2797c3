using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    [System.ComponentModel.Description("Domain events leave the process: the transactional outbox, webhook subscriptions and their deliveries")]
    public partial class AddOutboxAndWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, comment: "The event's id, sent as webhook-id on every delivery and retry."),
                    position = table.Column<long>(type: "bigint", nullable: false, comment: "Order of writing; the events of one resource are written, and delivered, in commit order.")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "The event type, e.g. order.paid."),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false, comment: "The order or product the event is about."),
                    data = table.Column<string>(type: "jsonb", nullable: false, comment: "The resource as the API's GET showed it right after the change."),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, comment: "When the change was saved (UTC); the delivery's timestamp."),
                    traceparent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true, comment: "W3C traceparent of the request that made the change, so deliveries join its trace.")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                },
                comment: "The transactional outbox: an integration event, written in the transaction of the change it describes.");

            migrationBuilder.CreateTable(
                name: "webhook_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, comment: "Unique identifier of the subscription."),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, comment: "Absolute http(s) URL the deliveries are POSTed to."),
                    events = table.Column<string[]>(type: "text[]", nullable: false, comment: "The event types delivered, or * for all."),
                    secret = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, comment: "Signing secret: whsec_ and the base64 of 32 random bytes; shown to the client once."),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, comment: "When the subscription was created (UTC).")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_subscriptions", x => x.id);
                },
                comment: "An API consumer's webhook: the events it wants, the URL they are POSTed to and the secret that signs them.");

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, comment: "Unique identifier of the delivery.")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false, comment: "The outbox message delivered."),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false, comment: "The subscription it is delivered to."),
                    resource_id = table.Column<Guid>(type: "uuid", nullable: false, comment: "The message's resource: one resource's deliveries to one subscription go out in position order."),
                    position = table.Column<long>(type: "bigint", nullable: false, comment: "The message's position: a delivery waits while an earlier one of its resource is pending."),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValueSql: "'pending'", comment: "pending (to be sent or retried), delivered (a 2xx answered) or failed (retries exhausted)."),
                    attempts = table.Column<int>(type: "integer", nullable: false, defaultValue: 0, comment: "How many times it was sent."),
                    last_status_code = table.Column<int>(type: "integer", nullable: true, comment: "The HTTP status of the last attempt; null before the first or when no response came."),
                    last_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true, comment: "When it was last sent (UTC)."),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true, comment: "When it is due (UTC); null once delivered or failed."),
                    leased_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true, comment: "While a relay sends it, until when no other relay may take it; a crashed relay's lease runs out."),
                    lease_token = table.Column<Guid>(type: "uuid", nullable: true, comment: "The claim of the relay holding the lease: only that claim records the outcome.")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "FK_webhook_deliveries_outbox_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "outbox_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_webhook_deliveries_webhook_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "webhook_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                },
                comment: "One outbox message to one subscription: its state, attempts and the relay's lease on it.");

            migrationBuilder.CreateIndex(
                name: "idx_outbox_messages_occurred_at",
                table: "outbox_messages",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "idx_webhook_deliveries_due",
                table: "webhook_deliveries",
                column: "next_attempt_at",
                filter: "state = 'pending'");

            migrationBuilder.CreateIndex(
                name: "idx_webhook_deliveries_message",
                table: "webhook_deliveries",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "idx_webhook_deliveries_pending",
                table: "webhook_deliveries",
                column: "position",
                filter: "state = 'pending'");

            migrationBuilder.CreateIndex(
                name: "idx_webhook_deliveries_resource_order",
                table: "webhook_deliveries",
                columns: new[] { "subscription_id", "resource_id", "position" },
                filter: "state = 'pending'");

            migrationBuilder.CreateIndex(
                name: "idx_webhook_deliveries_subscription",
                table: "webhook_deliveries",
                columns: new[] { "subscription_id", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "webhook_subscriptions");
        }
    }
}
