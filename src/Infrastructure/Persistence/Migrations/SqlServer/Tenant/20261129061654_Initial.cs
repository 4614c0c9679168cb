using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.SqlServer.Tenant
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SchoolPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MaxStudentsPerMentor = table.Column<int>(type: "int", nullable: false),
                    MaxMentorsPerStudent = table.Column<int>(type: "int", nullable: false),
                    MaxPreferences = table.Column<int>(type: "int", nullable: false),
                    MinTalks = table.Column<int>(type: "int", nullable: false),
                    MinParentContacts = table.Column<int>(type: "int", nullable: false),
                    MinEvaluations = table.Column<int>(type: "int", nullable: false),
                    MonthlyReportRequired = table.Column<bool>(type: "bit", nullable: false),
                    ReminderDaysBeforeEnd = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MonthlyReportReminderDay = table.Column<int>(type: "int", nullable: false),
                    RequireGuardianConsent = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolPolicies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolPolicies_TenantId",
                table: "SchoolPolicies",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SchoolPolicies");
        }
    }
}
