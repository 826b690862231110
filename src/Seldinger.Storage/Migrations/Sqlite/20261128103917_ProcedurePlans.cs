using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seldinger.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProcedurePlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LandmarksJson",
                table: "cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LibraryCase",
                table: "cases",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "procedure_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Planner = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SeriesInstanceUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LabelsDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CatalogueVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CatalogueDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InputsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PlanJson = table.Column<string>(type: "TEXT", nullable: false),
                    Feasible = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedure_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_procedure_plans_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_procedure_plans_CaseId_CreatedAt",
                table: "procedure_plans",
                columns: new[] { "CaseId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "procedure_plans");

            migrationBuilder.DropColumn(
                name: "LandmarksJson",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "LibraryCase",
                table: "cases");
        }
    }
}
