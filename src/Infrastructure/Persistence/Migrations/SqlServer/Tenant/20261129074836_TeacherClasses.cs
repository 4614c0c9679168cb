using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.SqlServer.Tenant
{
    /// <inheritdoc />
    public partial class TeacherClasses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClassIds",
                table: "Teachers",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClassIds",
                table: "Teachers");
        }
    }
}
