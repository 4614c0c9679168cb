using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.SqlServer.Tenant
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
                columns: new[] { "TenantId", "IsActive" })
                .Annotation("SqlServer:Include", new[] { "Id", "AttentionFlags" });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_TenantId_SemesterId_StudentId",
                table: "MonthlyReports",
                columns: new[] { "TenantId", "SemesterId", "StudentId" })
                .Annotation("SqlServer:Include", new[] { "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_MentorAssignments_TenantId_SemesterId",
                table: "MentorAssignments",
                columns: new[] { "TenantId", "SemesterId" },
                filter: "\"EndedAt\" IS NULL")
                .Annotation("SqlServer:Include", new[] { "GroupId", "StudentId", "MentorId" });

            migrationBuilder.CreateIndex(
                name: "IX_GuidanceActivities_TenantId_SemesterId_Kind",
                table: "GuidanceActivities",
                columns: new[] { "TenantId", "SemesterId", "Kind" })
                .Annotation("SqlServer:Include", new[] { "Id", "DeletedAt", "Mode" });

            // A semester belongs to one school: statistics on the pair give the optimizer their combined density.
            foreach (var table in SemesterTables)
                migrationBuilder.Sql($"CREATE STATISTICS [ST_{table}_TenantId_SemesterId] ON [{table}] ([TenantId], [SemesterId]);");
        }

        private static readonly string[] SemesterTables = ["GuidanceActivities", "MonthlyReports", "MentorAssignments", "MentorEvaluations"];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in SemesterTables)
                migrationBuilder.Sql($"DROP STATISTICS [{table}].[ST_{table}_TenantId_SemesterId];");

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
