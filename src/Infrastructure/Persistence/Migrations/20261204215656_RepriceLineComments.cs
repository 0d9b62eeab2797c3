using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    [System.ComponentModel.Description("Comments of line_items and unit_price: a line is charged at the price of its last addition (re-pricing)")]
    public partial class RepriceLineComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "line_items",
                comment: "One product in an order, with the quantity and the unit price of its last addition.",
                oldComment: "One product in an order, with the quantity and the unit price captured when it was added.");

            migrationBuilder.AlterColumn<decimal>(
                name: "unit_price",
                table: "line_items",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                comment: "The product's unit price when units were last added to the line (every unit is charged at it).",
                oldClrType: typeof(decimal),
                oldType: "numeric(10,2)",
                oldPrecision: 10,
                oldScale: 2,
                oldComment: "The product's unit price when the line was added.");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "line_items",
                comment: "One product in an order, with the quantity and the unit price captured when it was added.",
                oldComment: "One product in an order, with the quantity and the unit price of its last addition.");

            migrationBuilder.AlterColumn<decimal>(
                name: "unit_price",
                table: "line_items",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                comment: "The product's unit price when the line was added.",
                oldClrType: typeof(decimal),
                oldType: "numeric(10,2)",
                oldPrecision: 10,
                oldScale: 2,
                oldComment: "The product's unit price when units were last added to the line (every unit is charged at it).");
        }
    }
}
