using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seldinger.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "series",
                columns: table => new
                {
                    SeriesInstanceUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StudyInstanceUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PatientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Modality = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Columns = table.Column<int>(type: "INTEGER", nullable: false),
                    SliceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    GeometryJson = table.Column<string>(type: "TEXT", nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    LabelMapPath = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series", x => x.SeriesInstanceUid);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PatientName = table.Column<string>(type: "TEXT", maxLength: 324, nullable: false),
                    AgeYears = table.Column<double>(type: "REAL", nullable: true),
                    WeightKg = table.Column<double>(type: "REAL", nullable: true),
                    Procedure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Indication = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SeriesInstanceUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TargetX = table.Column<double>(type: "REAL", nullable: true),
                    TargetY = table.Column<double>(type: "REAL", nullable: true),
                    TargetZ = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cases_series_SeriesInstanceUid",
                        column: x => x.SeriesInstanceUid,
                        principalTable: "series",
                        principalColumn: "SeriesInstanceUid");
                });

            migrationBuilder.CreateTable(
                name: "instances",
                columns: table => new
                {
                    SopInstanceUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SeriesInstanceUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    RelativePath = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instances", x => x.SopInstanceUid);
                    table.ForeignKey(
                        name: "FK_instances_series_SeriesInstanceUid",
                        column: x => x.SeriesInstanceUid,
                        principalTable: "series",
                        principalColumn: "SeriesInstanceUid",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "needle_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EntryX = table.Column<double>(type: "REAL", nullable: false),
                    EntryY = table.Column<double>(type: "REAL", nullable: false),
                    EntryZ = table.Column<double>(type: "REAL", nullable: false),
                    TargetX = table.Column<double>(type: "REAL", nullable: false),
                    TargetY = table.Column<double>(type: "REAL", nullable: false),
                    TargetZ = table.Column<double>(type: "REAL", nullable: false),
                    LengthMm = table.Column<double>(type: "REAL", nullable: false),
                    InsertionAngleDeg = table.Column<double>(type: "REAL", nullable: false),
                    IsSafe = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClearancesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CandidatesConsidered = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectionsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_needle_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_needle_plans_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_CreatedAt",
                table: "cases",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_PatientId",
                table: "cases",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_SeriesInstanceUid",
                table: "cases",
                column: "SeriesInstanceUid");

            migrationBuilder.CreateIndex(
                name: "IX_instances_SeriesInstanceUid",
                table: "instances",
                column: "SeriesInstanceUid");

            migrationBuilder.CreateIndex(
                name: "IX_needle_plans_CaseId_CreatedAt",
                table: "needle_plans",
                columns: new[] { "CaseId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_series_StudyInstanceUid",
                table: "series",
                column: "StudyInstanceUid");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "instances");

            migrationBuilder.DropTable(
                name: "needle_plans");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "series");
        }
    }
}
