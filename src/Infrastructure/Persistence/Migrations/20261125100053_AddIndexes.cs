using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    [System.ComponentModel.Description("Add performance indexes")]
    public partial class AddIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "idx_users_created",
                table: "users",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "idx_products_name",
                table: "products",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "idx_orders_status",
                table: "orders",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "idx_orders_user",
                table: "orders",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "idx_line_items_order",
                table: "line_items",
                column: "order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_users_created",
                table: "users");

            migrationBuilder.DropIndex(
                name: "idx_products_name",
                table: "products");

            migrationBuilder.DropIndex(
                name: "idx_orders_status",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "idx_orders_user",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "idx_line_items_order",
                table: "line_items");
        }
    }
}
