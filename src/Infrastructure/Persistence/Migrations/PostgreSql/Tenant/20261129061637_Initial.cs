using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.PostgreSql.Tenant
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MaxStudentsPerMentor = table.Column<int>(type: "integer", nullable: false),
                    MaxMentorsPerStudent = table.Column<int>(type: "integer", nullable: false),
                    MaxPreferences = table.Column<int>(type: "integer", nullable: false),
                    MinTalks = table.Column<int>(type: "integer", nullable: false),
                    MinParentContacts = table.Column<int>(type: "integer", nullable: false),
                    MinEvaluations = table.Column<int>(type: "integer", nullable: false),
                    MonthlyReportRequired = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderDaysBeforeEnd = table.Column<List<int>>(type: "integer[]", nullable: false),
                    MonthlyReportReminderDay = table.Column<int>(type: "integer", nullable: false),
                    RequireGuardianConsent = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
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
