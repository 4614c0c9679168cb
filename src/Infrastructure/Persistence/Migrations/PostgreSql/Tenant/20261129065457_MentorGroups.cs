using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.PostgreSql.Tenant
{
    /// <inheritdoc />
    public partial class MentorGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MentorGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    SemesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SelectionClosesOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    MentorIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Preferences = table.Column<string>(type: "jsonb", nullable: true),
                    Welcomes = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentorGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentorGroups_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentorGroups_Semesters_SemesterId",
                        column: x => x.SemesterId,
                        principalTable: "Semesters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MentorLoads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SemesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeacherId = table.Column<Guid>(type: "uuid", nullable: false),
                    Mentees = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentorLoads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MentorAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    SemesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    MentorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChoiceRank = table.Column<int>(type: "integer", nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentorAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentorAssignments_MentorGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MentorGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MentorAssignments_GroupId",
                table: "MentorAssignments",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_MentorAssignments_SemesterId_MentorId",
                table: "MentorAssignments",
                columns: new[] { "SemesterId", "MentorId" });

            migrationBuilder.CreateIndex(
                name: "IX_MentorAssignments_StudentId",
                table: "MentorAssignments",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_MentorAssignments_TenantId_GroupId_StudentId_MentorId",
                table: "MentorAssignments",
                columns: new[] { "TenantId", "GroupId", "StudentId", "MentorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MentorGroups_ClassId",
                table: "MentorGroups",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_MentorGroups_SemesterId",
                table: "MentorGroups",
                column: "SemesterId");

            migrationBuilder.CreateIndex(
                name: "IX_MentorGroups_TenantId_SemesterId_ClassId",
                table: "MentorGroups",
                columns: new[] { "TenantId", "SemesterId", "ClassId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MentorLoads_TenantId_SemesterId_TeacherId",
                table: "MentorLoads",
                columns: new[] { "TenantId", "SemesterId", "TeacherId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MentorAssignments");

            migrationBuilder.DropTable(
                name: "MentorLoads");

            migrationBuilder.DropTable(
                name: "MentorGroups");
        }
    }
}
