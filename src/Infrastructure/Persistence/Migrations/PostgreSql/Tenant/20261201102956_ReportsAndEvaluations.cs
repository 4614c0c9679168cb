using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.PostgreSql.Tenant
{
    /// <inheritdoc />
    public partial class ReportsAndEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MentorEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    MentorId = table.Column<Guid>(type: "uuid", nullable: false),
                    SemesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Care = table.Column<int>(type: "integer", nullable: false),
                    Communication = table.Column<int>(type: "integer", nullable: false),
                    Guidance = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentorEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentorEvaluations_Semesters_SemesterId",
                        column: x => x.SemesterId,
                        principalTable: "Semesters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentorEvaluations_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentorEvaluations_Teachers_MentorId",
                        column: x => x.MentorId,
                        principalTable: "Teachers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MonthlyReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StudentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SemesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedByRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReports_Semesters_SemesterId",
                        column: x => x.SemesterId,
                        principalTable: "Semesters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MonthlyReports_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MonthlyReportComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorTeacherId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReportComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReportComments_MonthlyReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "MonthlyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MonthlyReportComments_Teachers_AuthorTeacherId",
                        column: x => x.AuthorTeacherId,
                        principalTable: "Teachers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MentorEvaluations_MentorId_SemesterId",
                table: "MentorEvaluations",
                columns: new[] { "MentorId", "SemesterId" });

            migrationBuilder.CreateIndex(
                name: "IX_MentorEvaluations_SemesterId",
                table: "MentorEvaluations",
                column: "SemesterId");

            migrationBuilder.CreateIndex(
                name: "IX_MentorEvaluations_StudentId",
                table: "MentorEvaluations",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_MentorEvaluations_TenantId_SemesterId_StudentId_MentorId",
                table: "MentorEvaluations",
                columns: new[] { "TenantId", "SemesterId", "StudentId", "MentorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportComments_AuthorTeacherId",
                table: "MonthlyReportComments",
                column: "AuthorTeacherId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportComments_ReportId",
                table: "MonthlyReportComments",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportComments_TenantId",
                table: "MonthlyReportComments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_SemesterId",
                table: "MonthlyReports",
                column: "SemesterId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_StudentId",
                table: "MonthlyReports",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReports_TenantId_StudentId_Month",
                table: "MonthlyReports",
                columns: new[] { "TenantId", "StudentId", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MentorEvaluations");

            migrationBuilder.DropTable(
                name: "MonthlyReportComments");

            migrationBuilder.DropTable(
                name: "MonthlyReports");
        }
    }
}
