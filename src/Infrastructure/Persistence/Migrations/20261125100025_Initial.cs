using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    [System.ComponentModel.Description("Initial schema with users, products")]
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()", comment: "Unique identifier of the product."),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, comment: "Name shown in the catalog; searched case-insensitively."),
                    description = table.Column<string>(type: "text", nullable: true, comment: "Optional long description of the product."),
                    price = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false, defaultValue: 0m, comment: "Current unit price, two decimals."),
                    stock = table.Column<int>(type: "integer", nullable: false, defaultValue: 0, comment: "Quantity available for sale; never below zero.")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.id);
                },
                comment: "An article of the catalog with its price and the quantity in stock.");

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()", comment: "Unique identifier of the user."),
                    email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, comment: "E-mail address used to log in, trimmed and lower-case; unique."),
                    password_hash = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false, comment: "Slow salted hash of the password; never the password itself."),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, comment: "Display name shown to the user."),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()", comment: "When the user registered (UTC)."),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()", comment: "When the user last changed (UTC).")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                },
                comment: "A registered customer or administrator of the shop.");

            migrationBuilder.CreateIndex(
                name: "idx_users_email",
                table: "users",
                column: "email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
