using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.Sqlite.Tenant
{
    /// <inheritdoc />
    public partial class SemesterReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GuidanceActivities_TenantId",
                table: "GuidanceActivities");

            migrationBuilder.CreateIndex(
                name: "IX_Students_TenantId_IsActive",
                table: "Students",
                columns: new[] { "TenantId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_TenantId_SemesterId_StudentId",
                table: "MonthlyReports",
                columns: new[] { "TenantId", "SemesterId", "StudentId" });

            migrationBuilder.CreateIndex(
                name: "IX_MentorAssignments_TenantId_SemesterId",
                table: "MentorAssignments",
                columns: new[] { "TenantId", "SemesterId" },
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GuidanceActivities_TenantId_SemesterId_Kind",
                table: "GuidanceActivities",
                columns: new[] { "TenantId", "SemesterId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Students_TenantId_IsActive",
                table: "Students");

            migrationBuilder.DropIndex(
                name: "IX_MonthlyReports_TenantId_SemesterId_StudentId",
                table: "MonthlyReports");

            migrationBuilder.DropIndex(
                name: "IX_MentorAssignments_TenantId_SemesterId",
                table: "MentorAssignments");

            migrationBuilder.DropIndex(
                name: "IX_GuidanceActivities_TenantId_SemesterId_Kind",
                table: "GuidanceActivities");

            migrationBuilder.CreateIndex(
                name: "IX_GuidanceActivities_TenantId",
                table: "GuidanceActivities",
                column: "TenantId");
        }
    }
}
