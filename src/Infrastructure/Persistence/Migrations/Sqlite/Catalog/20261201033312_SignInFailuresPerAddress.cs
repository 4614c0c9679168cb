using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.Sqlite.Catalog
{
    /// <inheritdoc />
    public partial class SignInFailuresPerAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessFailedCount",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LockoutEnd",
                table: "Users");

            migrationBuilder.CreateTable(
                name: "SignInFailures",
                columns: table => new
                {
                    NormalizedUsername = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClientAddress = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    FailedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LastFailureAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInFailures", x => new { x.NormalizedUsername, x.ClientAddress });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInFailures");

            migrationBuilder.AddColumn<int>(
                name: "AccessFailedCount",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LockoutEnd",
                table: "Users",
                type: "INTEGER",
                nullable: true);
        }
    }
}
