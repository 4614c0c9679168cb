using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MentorCloud.Infrastructure.Persistence.Migrations.Sqlite.Tenant
{
    /// <inheritdoc />
    public partial class Archives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorRole",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientAddress",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Section",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserAgent",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StudentArchives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ErasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudentArchives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudentArchives_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArchiveEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArchiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchiveEntries_StudentArchives_ArchiveId",
                        column: x => x.ArchiveId,
                        principalTable: "StudentArchives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ArchiveGoals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArchiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SetById = table.Column<Guid>(type: "TEXT", nullable: true),
                    SetByName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgressNotes = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchiveGoals_StudentArchives_ArchiveId",
                        column: x => x.ArchiveId,
                        principalTable: "StudentArchives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GuardianConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArchiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GuardianName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GrantedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Scopes = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuardianConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GuardianConsents_StudentArchives_ArchiveId",
                        column: x => x.ArchiveId,
                        principalTable: "StudentArchives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveEntries_ArchiveId_Section_Version",
                table: "ArchiveEntries",
                columns: new[] { "ArchiveId", "Section", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveEntries_TenantId_ArchiveId_Version",
                table: "ArchiveEntries",
                columns: new[] { "TenantId", "ArchiveId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveGoals_ArchiveId",
                table: "ArchiveGoals",
                column: "ArchiveId");

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveGoals_TenantId",
                table: "ArchiveGoals",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_GuardianConsents_ArchiveId",
                table: "GuardianConsents",
                column: "ArchiveId");

            migrationBuilder.CreateIndex(
                name: "IX_GuardianConsents_TenantId",
                table: "GuardianConsents",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_StudentArchives_StudentId",
                table: "StudentArchives",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_StudentArchives_TenantId_StudentId",
                table: "StudentArchives",
                columns: new[] { "TenantId", "StudentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchiveEntries");

            migrationBuilder.DropTable(
                name: "ArchiveGoals");

            migrationBuilder.DropTable(
                name: "GuardianConsents");

            migrationBuilder.DropTable(
                name: "StudentArchives");

            migrationBuilder.DropColumn(
                name: "ActorRole",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ClientAddress",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Section",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "UserAgent",
                table: "AuditEntries");
        }
    }
}
