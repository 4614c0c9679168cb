using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.Sqlite.Tenant
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MaxStudentsPerMentor = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxMentorsPerStudent = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPreferences = table.Column<int>(type: "INTEGER", nullable: false),
                    MinTalks = table.Column<int>(type: "INTEGER", nullable: false),
                    MinParentContacts = table.Column<int>(type: "INTEGER", nullable: false),
                    MinEvaluations = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthlyReportRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderDaysBeforeEnd = table.Column<string>(type: "TEXT", nullable: false),
                    MonthlyReportReminderDay = table.Column<int>(type: "INTEGER", nullable: false),
                    RequireGuardianConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
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
