using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.PostgreSql.Catalog
{
    /// <inheritdoc />
    public partial class DistrictStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DistrictStatisticsSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    SemesterLabel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SemesterStartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SemesterEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActiveMentors = table.Column<int>(type: "integer", nullable: false),
                    CapViolations = table.Column<int>(type: "integer", nullable: false),
                    CareScoreSum = table.Column<int>(type: "integer", nullable: false),
                    CommunicationScoreSum = table.Column<int>(type: "integer", nullable: false),
                    CoveredStudents = table.Column<int>(type: "integer", nullable: false),
                    EvaluationCount = table.Column<int>(type: "integer", nullable: false),
                    EvaluationsMet = table.Column<int>(type: "integer", nullable: false),
                    FaceToFaceContacts = table.Column<int>(type: "integer", nullable: false),
                    GuidanceScoreSum = table.Column<int>(type: "integer", nullable: false),
                    HomeVisits = table.Column<int>(type: "integer", nullable: false),
                    MentorLoadCap = table.Column<int>(type: "integer", nullable: false),
                    MentorLoadMaximum = table.Column<int>(type: "integer", nullable: false),
                    MentorPlaces = table.Column<int>(type: "integer", nullable: false),
                    OnlineContacts = table.Column<int>(type: "integer", nullable: false),
                    OverdueDuties = table.Column<int>(type: "integer", nullable: false),
                    ParentContactsMet = table.Column<int>(type: "integer", nullable: false),
                    PhoneContacts = table.Column<int>(type: "integer", nullable: false),
                    PriorityCareStudents = table.Column<int>(type: "integer", nullable: false),
                    PriorityCareWithTalk = table.Column<int>(type: "integer", nullable: false),
                    ReportsRequired = table.Column<int>(type: "integer", nullable: false),
                    ReportsSubmitted = table.Column<int>(type: "integer", nullable: false),
                    Students = table.Column<int>(type: "integer", nullable: false),
                    TalksMet = table.Column<int>(type: "integer", nullable: false),
                    Teachers = table.Column<int>(type: "integer", nullable: false),
                    ThreeOnesMet = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistrictStatisticsSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DistrictStatisticsSnapshots_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DistrictStatisticsSnapshots_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DistrictStatisticsSnapshots_DistrictId_SemesterLabel",
                table: "DistrictStatisticsSnapshots",
                columns: new[] { "DistrictId", "SemesterLabel" });

            migrationBuilder.CreateIndex(
                name: "IX_DistrictStatisticsSnapshots_SchoolId_SemesterLabel",
                table: "DistrictStatisticsSnapshots",
                columns: new[] { "SchoolId", "SemesterLabel" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DistrictStatisticsSnapshots");
        }
    }
}
