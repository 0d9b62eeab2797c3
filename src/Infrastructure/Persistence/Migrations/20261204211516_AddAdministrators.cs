using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    [System.ComponentModel.Description("Add users.is_administrator: administrators by record, set only by the seed and create-admin verbs")]
    public partial class AddAdministrators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_administrator",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false,
                comment: "Whether the user may manage the catalog; set only when an operator creates the account (seed, create-admin).");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_administrator",
                table: "users");
        }
    }
}
